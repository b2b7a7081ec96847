import { describe, expect, it } from "vitest";
import { checkName, cleanSymbols, leftOutMessage, MAX_SYMBOLS_PER_LIST, uniqueName } from "./watchlist.js";

const lists = [{ id: "a", name: "Majors", symbols: [] }];

describe("checkName", () => {
  it("when a name is fresh, then it is trimmed and kept", () => {
    expect(checkName("  Long   term ", lists)).toEqual({ ok: true, name: "Long term" });
  });

  it.each([
    ["", /Enter a name/],
    ["x".repeat(41), /at most 40/],
    ["a\u0007b", /control/],
    ["majors", /"Majors" already exists/],
  ])("when the name is %j, then it is refused with a reason", (name, reason) => {
    const check = checkName(name, lists);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it("when a list is renamed to its own name, then that is no clash", () => {
    expect(checkName("MAJORS", lists, "a")).toEqual({ ok: true, name: "MAJORS" });
  });
});

describe("cleanSymbols", () => {
  it("when entries repeat, are not tickers or not text, then the valid ones stay, each once, in order", () => {
    const clean = cleanSymbols(["btcusd", "BTCUSD", "coinbase:ethusd", "BAD TICKER", 7, null]);
    expect(clean.symbols).toEqual(["BTCUSD", "COINBASE:ETHUSD"]);
    expect(clean.invalid).toEqual(['"BAD TICKER"', "7", "null"]);
    expect(leftOutMessage(clean)).toBe('Left out not tickers: "BAD TICKER", 7, null.');
  });

  it("when there are more tickers than a list holds, then the first ones stay and the rest are counted", () => {
    const clean = cleanSymbols(Array.from({ length: MAX_SYMBOLS_PER_LIST + 3 }, (_, i) => `T${i}USD`));
    expect(clean.symbols).toHaveLength(MAX_SYMBOLS_PER_LIST);
    expect(clean.overflow).toBe(3);
    expect(leftOutMessage(clean)).toBe(`Left out 3 past the limit of ${MAX_SYMBOLS_PER_LIST} tickers.`);
    expect(leftOutMessage(cleanSymbols(["BTCUSD"]))).toBe("");
  });
});

describe("uniqueName", () => {
  it("when a name is taken, then a number is added, within the length limit", () => {
    expect(uniqueName("Alts", lists)).toBe("Alts");
    expect(uniqueName("majors", lists)).toBe("majors (2)");
    const long = "y".repeat(40);
    const taken = [{ id: "b", name: long, symbols: [] }];
    expect(uniqueName(long, taken)).toBe(`${"y".repeat(36)} (2)`);
  });
});
