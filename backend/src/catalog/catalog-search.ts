/**
 * Search as you type over the catalog: a pure filter, ranked so that what a person most likely
 * means comes first. Case-insensitive throughout.
 *
 * Ranks, best first: the query is the whole symbol (`BTCUSD` or `BINANCE:BTCUSD`); the symbol
 * starts with it (ticker or `EXCHANGE:TICKER`); the base asset's name or one of its words starts
 * with it ("bit" → Bitcoin, Bitcoin Cash, Bittensor); the ticker or the full name contains it.
 * Within a rank the most widely traded base comes first, and within one base the server's default
 * exchange before the others.
 */
import { symbolId } from "@crypto-stream/symbols/symbol.js";
import type { CatalogPair } from "./catalog.js";

/** CatalogMatch is a pair as a client sees it: with its symbol normalised by the server's rule. */
export interface CatalogMatch {
  /** symbol is the ticker alone on the default exchange, else `EXCHANGE:TICKER`, as Watch returns it. */
  readonly symbol: string;
  readonly pair: CatalogPair;
}

/** CatalogSearch finds the best `limit` matches for `query`; `limit` must be positive. Never throws. */
export type CatalogSearch = (query: string, limit: number) => CatalogMatch[];

interface Indexed {
  readonly match: CatalogMatch;
  readonly symbol: string;
  readonly full: string;
  readonly ticker: string;
  readonly baseName: string;
  readonly baseWords: readonly string[];
  readonly name: string;
}

/**
 * createCatalogSearch indexes `pairs` once for a server whose bare tickers mean `defaultExchange`.
 * A query is trimmed and compared case-insensitively; an empty one lists the catalog from the top.
 */
export function createCatalogSearch(pairs: readonly CatalogPair[], defaultExchange: string): CatalogSearch {
  const ordered = [...pairs].sort((a, b) => a.rank - b.rank || Number(a.exchange !== defaultExchange) - Number(b.exchange !== defaultExchange));
  const index: Indexed[] = ordered.map((pair) => {
    const symbol = symbolId(pair.exchange, pair.ticker, defaultExchange);
    return {
      match: { symbol, pair },
      symbol: symbol.toLowerCase(),
      full: `${pair.exchange}:${pair.ticker}`.toLowerCase(),
      ticker: pair.ticker.toLowerCase(),
      baseName: pair.baseName.toLowerCase(),
      baseWords: pair.baseName.toLowerCase().split(/\s+/),
      name: pair.name.toLowerCase(),
    };
  });
  return (query, limit) => {
    const q = query.trim().toLowerCase();
    if (q === "") return index.slice(0, limit).map((entry) => entry.match);
    // One bucket per rank keeps the order within a rank without sorting.
    const buckets: CatalogMatch[][] = [[], [], [], []];
    for (const entry of index) {
      const rank = rankOf(entry, q);
      if (rank !== undefined) buckets[rank]!.push(entry.match);
    }
    return buckets.flat().slice(0, limit);
  };
}

function rankOf(entry: Indexed, q: string): number | undefined {
  if (entry.symbol === q || entry.full === q) return 0;
  if (entry.ticker.startsWith(q) || entry.full.startsWith(q)) return 1;
  if (entry.baseName.startsWith(q) || entry.baseWords.some((word) => word.startsWith(q))) return 2;
  if (entry.ticker.includes(q) || entry.name.includes(q)) return 3;
  return undefined;
}
