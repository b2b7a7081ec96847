/**
 * The symbol rule, the same as the backend's (backend/src/symbols/symbol.ts): `TICKER` or
 * `EXCHANGE:TICKER`, trimmed and upper-cased, the default exchange dropped from the id. The page
 * checks it before sending so a typo gets an answer at once; the server still has the last word.
 */

/** MAX_SYMBOL_LENGTH is the longest input the server accepts. */
const MAX_SYMBOL_LENGTH = 40;
const DEFAULT_EXCHANGE = "BINANCE";
const TICKER = /^[A-Z0-9][A-Z0-9._!]{0,29}$/;
const EXCHANGE = /^[A-Z][A-Z0-9_]{0,19}$/;
const EXAMPLE = 'use TICKER or EXCHANGE:TICKER, e.g. "BTCUSD" or "COINBASE:ETHUSD"';

/** SymbolParse is a symbol id, or why the input is not one, in words a person can act on. */
export type SymbolParse = { ok: true; symbol: string } | { ok: false; reason: string };

/** parseSymbol normalises `input` to the id the server uses, e.g. "binance:btcusd " → "BTCUSD". */
export function parseSymbol(input: string): SymbolParse {
  const text = input.trim().toUpperCase();
  if (text === "") return { ok: false, reason: `Enter a ticker: ${EXAMPLE}.` };
  if (text.length > MAX_SYMBOL_LENGTH) {
    return { ok: false, reason: `A ticker has at most ${MAX_SYMBOL_LENGTH} characters.` };
  }
  const parts = text.split(":");
  if (parts.length > 2) return { ok: false, reason: `Use at most one ":"; ${EXAMPLE}.` };
  const [first, second] = parts as [string, string | undefined];
  const exchange = second === undefined ? DEFAULT_EXCHANGE : first;
  const ticker = second === undefined ? first : second;
  if (!EXCHANGE.test(exchange)) {
    return { ok: false, reason: `Exchange "${exchange}" must be letters, digits or _.` };
  }
  if (!TICKER.test(ticker)) {
    return {
      ok: false,
      reason: `"${ticker}" is not a ticker: letters and digits (. ! _ inside), at most 30; ${EXAMPLE}.`,
    };
  }
  return { ok: true, symbol: exchange === DEFAULT_EXCHANGE ? ticker : `${exchange}:${ticker}` };
}
