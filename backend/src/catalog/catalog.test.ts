/**
 * The shipped catalog and the search over it: what a person typing gets first, and that a broken
 * catalog file is refused at load with the reason.
 */
import { checkSymbol } from "@crypto-stream/symbols/symbol.js";
import { describe, expect, it } from "vitest";
import { CATALOG, parseCatalog } from "./catalog.js";
import { createCatalogSearch } from "./catalog-search.js";

const search = createCatalogSearch(CATALOG, "BINANCE");
const symbols = (query: string, limit = 8) => search(query, limit).map((match) => match.symbol);

describe("the shipped catalog", () => {
  it("when loaded, then it holds a few hundred valid, distinct pairs on BINANCE and COINBASE, named base / quote", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(200);
    expect(new Set(CATALOG.map((pair) => pair.exchange))).toEqual(new Set(["BINANCE", "COINBASE"]));
    const ids = CATALOG.map((pair) => `${pair.exchange}:${pair.ticker}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pair of CATALOG) {
      expect(checkSymbol(`${pair.exchange}:${pair.ticker}`).ok).toBe(true);
      expect(pair.ticker).toBe(`${pair.base}${pair.quote}`);
      expect(pair.name).toMatch(/^\S.* \/ \S.*$/);
    }
    expect(CATALOG.find((pair) => pair.exchange === "BINANCE" && pair.ticker === "BTCUSD")?.name).toBe("Bitcoin / U.S. Dollar");
    expect(CATALOG.find((pair) => pair.exchange === "COINBASE" && pair.ticker === "ETHUSD")?.name).toBe("Ethereum / U.S. Dollar");
  });
});

describe("createCatalogSearch", () => {
  it("when the query is a whole symbol, then that symbol comes first, whatever the case or spaces", () => {
    expect(symbols("btcusd")[0]).toBe("BTCUSD");
    expect(symbols("  BtcUsd ")[0]).toBe("BTCUSD");
    expect(symbols("binance:btcusd")[0]).toBe("BTCUSD");
    expect(symbols("coinbase:ethusd")[0]).toBe("COINBASE:ETHUSD");
  });

  it("when the query starts tickers, then those come first, most traded base first, the default exchange before others", () => {
    const found = symbols("eth", 50);
    const firstOther = found.findIndex((symbol) => !/^(COINBASE:)?ETH/.test(symbol));
    expect(firstOther).toBeGreaterThan(0);
    expect(found.slice(firstOther).every((symbol) => !/^(COINBASE:)?ETH/.test(symbol))).toBe(true);
    // Ethereum's own pairs, Binance's first, before ether.fi's (ETHFI), which trades less.
    expect(found.indexOf("ETHUSDT")).toBeLessThan(found.indexOf("COINBASE:ETHUSD"));
    expect(found.indexOf("COINBASE:ETHUSD")).toBeLessThan(found.indexOf("ETHFIUSDT"));
    expect(symbols("coinbase:").every((symbol) => symbol.startsWith("COINBASE:"))).toBe(true);
  });

  it("when the query starts a coin's name, then its pairs come before pairs that merely contain the text", () => {
    const found = search("bit", 50);
    const bases = found.map((match) => match.pair.base);
    expect(bases[0]).toBe("BTC");
    // Bitcoin, Bitcoin Cash and Bittensor by name, before pairs quoted in Bitcoin ("Ethereum / Bitcoin").
    const lastByName = Math.max(bases.lastIndexOf("BTC"), bases.lastIndexOf("BCH"), bases.lastIndexOf("TAO"));
    const byName = new Set(["BTC", "BCH", "TAO"]);
    expect(found.findIndex((match) => !byName.has(match.pair.base))).toBe(lastByName + 1);
    expect(found[lastByName + 1]?.pair.quote).toBe("BTC");
    expect(search("graph", 8).map((match) => match.pair.base)).toContain("GRT");
    expect(search("superintelligence", 8)[0]?.pair.base).toBe("FET");
  });

  it("when the query is in a ticker or name only, then it still matches, after better ranks", () => {
    expect(symbols("usdc", 50)).toContain("BTCUSDC");
    expect(symbols("u.s. dollar", 50)).toContain("COINBASE:SOLUSD");
    expect(symbols("no such coin")).toEqual([]);
    expect(symbols("💥")).toEqual([]);
  });

  it("when the query is empty, then the catalog lists from the top, up to the limit", () => {
    expect(symbols("", 3)).toEqual(symbols("   ", 3));
    expect(search("", 3).map((match) => match.pair.base)).toEqual(["BTC", "BTC", "BTC"]);
    expect(search("", 1000)).toHaveLength(CATALOG.length);
    expect(symbols("a", 5)).toHaveLength(5);
  });

  it("when the default exchange is COINBASE, then its pairs are bare and first, and Binance's carry their exchange", () => {
    const coinbase = createCatalogSearch(CATALOG, "COINBASE");
    const found = coinbase("ethusd", 8).map((match) => match.symbol);
    expect(found[0]).toBe("ETHUSD");
    expect(coinbase("ethusd", 8)[0]?.pair.exchange).toBe("COINBASE");
    expect(found).toContain("BINANCE:ETHUSD");
  });
});

describe("parseCatalog", () => {
  const good = { about: "", quotes: { USD: "U.S. Dollar" }, assets: [["BTC", "Bitcoin"]], markets: { BINANCE: { USD: ["BTC"] } } };

  it("when the file is well formed, then its pairs are named base / quote", () => {
    expect(parseCatalog(good)).toEqual([
      { exchange: "BINANCE", ticker: "BTCUSD", base: "BTC", quote: "USD", name: "Bitcoin / U.S. Dollar", baseName: "Bitcoin", rank: 0 },
    ]);
  });

  it("when the file is broken, then loading fails and says where", () => {
    expect(() => parseCatalog({ ...good, markets: { BINANCE: { USD: ["ETH"] } } })).toThrow(/asset ETH is not in "assets"/);
    expect(() => parseCatalog({ ...good, markets: { BINANCE: { EUR: ["BTC"] } } })).toThrow(/quote EUR on BINANCE has no name/);
    expect(() => parseCatalog({ ...good, assets: [["BTC", "Bitcoin"], ["BTC", "Bitcoin"]] })).toThrow(/BTC is listed twice/);
    expect(() => parseCatalog({ ...good, markets: { BINANCE: { USD: ["BTC", "BTC"] } } })).toThrow(/BINANCE:BTCUSD is listed twice/);
    expect(() => parseCatalog({ ...good, markets: { "bin ance": { USD: ["BTC"] } } })).toThrow();
    expect(() => parseCatalog({ ...good, extra: 1 })).toThrow();
    expect(() => parseCatalog("nope")).toThrow();
  });
});
