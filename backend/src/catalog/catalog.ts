/**
 * The symbol catalog the server ships (catalog.json): widely traded pairs on BINANCE and COINBASE,
 * each with its name, for suggestions while a person types a ticker. It is read and checked once,
 * when this module loads, so a broken file stops the server at start rather than failing a search.
 * It only suggests: a symbol outside it can still be watched, and TradingView decides what exists.
 */
import { checkSymbol, EXCHANGE_PATTERN } from "@crypto-stream/symbols/symbol.js";
import { z } from "zod";
import data from "./catalog.json" with { type: "json" };

/** CatalogPair is one pair of the catalog, e.g. BTCUSD on BINANCE, "Bitcoin / U.S. Dollar". */
export interface CatalogPair {
  /** exchange, e.g. "BINANCE". */
  readonly exchange: string;
  /** ticker is base then quote, e.g. "BTCUSD". */
  readonly ticker: string;
  /** base is the asset priced, e.g. "BTC". */
  readonly base: string;
  /** quote is the currency of the price, e.g. "USD". */
  readonly quote: string;
  /** name is "<base's name> / <quote's name>", e.g. "Bitcoin / U.S. Dollar". */
  readonly name: string;
  /** baseName is the base asset's own name, e.g. "Bitcoin". */
  readonly baseName: string;
  /** rank orders pairs of equal match: the base's place in the file's list, most widely traded first. */
  readonly rank: number;
}

const CODE = z.string().regex(/^[A-Z0-9]{1,12}$/, "an asset code is 1-12 upper-case letters or digits");
const NAME = z.string().trim().min(1).max(60);
const CatalogFile = z.strictObject({
  about: z.string(),
  quotes: z.record(CODE, NAME),
  assets: z.array(z.tuple([CODE, NAME])).min(1),
  markets: z.record(z.string().regex(EXCHANGE_PATTERN), z.record(CODE, z.array(CODE))),
});

/**
 * parseCatalog checks a catalog file's contents and lists its pairs in the file's order: by base
 * asset as the file ranks them, then exchange, then quote as listed.
 * @throws Error naming the first problem: a bad shape, an unknown asset or quote, a duplicate pair,
 * or a ticker the symbol rule would refuse.
 */
export function parseCatalog(input: unknown): readonly CatalogPair[] {
  const file = CatalogFile.parse(input);
  const assets = new Map<string, { name: string; rank: number }>();
  file.assets.forEach(([code, name], rank) => {
    if (assets.has(code)) throw new Error(`catalog: asset ${code} is listed twice`);
    assets.set(code, { name, rank });
  });
  const pairs: CatalogPair[] = [];
  const seen = new Set<string>();
  for (const [exchange, market] of Object.entries(file.markets)) {
    for (const [quote, bases] of Object.entries(market)) {
      const quoteName = file.quotes[quote];
      if (quoteName === undefined) throw new Error(`catalog: quote ${quote} on ${exchange} has no name in "quotes"`);
      for (const base of bases) {
        const asset = assets.get(base);
        if (asset === undefined) throw new Error(`catalog: ${base}/${quote} on ${exchange}: asset ${base} is not in "assets"`);
        const ticker = `${base}${quote}`;
        const check = checkSymbol(`${exchange}:${ticker}`);
        if (!check.ok) throw new Error(`catalog: ${exchange}:${ticker} is not a valid symbol: ${check.reason}`);
        if (seen.has(`${exchange}:${ticker}`)) throw new Error(`catalog: ${exchange}:${ticker} is listed twice`);
        seen.add(`${exchange}:${ticker}`);
        pairs.push({ exchange, ticker, base, quote, name: `${asset.name} / ${quoteName}`, baseName: asset.name, rank: asset.rank });
      }
    }
  }
  // Stable: within one base, the file's order of exchanges and quotes stays.
  return pairs.sort((a, b) => a.rank - b.rank);
}

/** CATALOG is the shipped catalog, parsed once. */
export const CATALOG: readonly CatalogPair[] = parseCatalog(data);
