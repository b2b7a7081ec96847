/**
 * @internal How the look-alike names a market: one per exchange and ticker, as TradingView has a page
 * per `EXCHANGE:TICKER`. BINANCE:ETHUSD and COINBASE:ETHUSD are two markets with walks, prices and
 * changes of their own. Only the sim's own files use it.
 */
import { DEFAULT_EXCHANGE, EXCHANGE_PATTERN } from "@crypto-stream/symbols/symbol.js";
import type { PairSpec } from "./catalog.js";

/** SimSymbol is a market's key, `EXCHANGE:TICKER` upper-cased, and its two parts. */
export interface SimSymbol {
  readonly key: string;
  readonly exchange: string;
  readonly ticker: string;
}

/**
 * simSymbol reads `TICKER` or `EXCHANGE:TICKER` (any case, trimmed); a bare ticker is on BINANCE,
 * the exchange a symbol page without `?exchange=` shows. An exchange that is not a plausible name
 * is kept as written and matches no page.
 */
export function simSymbol(text: string): SimSymbol {
  const upper = text.trim().toUpperCase();
  const at = upper.indexOf(":");
  const exchange = at < 0 ? DEFAULT_EXCHANGE : upper.slice(0, at);
  const ticker = at < 0 ? upper : upper.slice(at + 1);
  return { key: `${exchange}:${ticker}`, exchange, ticker };
}

/** isExchangeName says whether `exchange` (upper case) could name an exchange. */
export function isExchangeName(exchange: string): boolean {
  return EXCHANGE_PATTERN.test(exchange);
}

/** LEVEL_SPREAD_BP bounds how far an exchange's price sits from BINANCE's: ±0.30 %, as arbitrage keeps them. */
const LEVEL_SPREAD_BP = 30;

/**
 * startPrice is where a pair's walk starts on `exchange`: the catalog's price on BINANCE, and on any
 * other exchange that price moved by a fixed few basis points of its own (never zero), at the pair's
 * decimals. Pure: the same exchange always gets the same level.
 */
export function startPrice(spec: PairSpec, exchange: string): string {
  if (exchange === DEFAULT_EXCHANGE) return spec.start;
  let hash = 0x811c9dc5;
  for (let i = 0; i < exchange.length; i++) hash = Math.imul(hash ^ exchange.charCodeAt(i), 0x01000193);
  let bp = ((hash >>> 0) % (2 * LEVEL_SPREAD_BP + 1)) - LEVEL_SPREAD_BP;
  if (bp === 0) bp = LEVEL_SPREAD_BP / 2;
  const units = BigInt(spec.start.replace(".", ""));
  let moved = (units * BigInt(10_000 + bp)) / 10_000n;
  // A cheap coin's few units may not move by a rounded share: one tick in the spread's direction.
  if (moved === units) moved += bp > 0 ? 1n : -1n;
  if (moved < 1n) moved = 1n;
  const digits = moved.toString().padStart(spec.decimals + 1, "0");
  return spec.decimals === 0 ? digits : `${digits.slice(0, -spec.decimals)}.${digits.slice(-spec.decimals)}`;
}
