/**
 * The symbol rule, the one copy the server and the grid share: `TICKER` or `EXCHANGE:TICKER`,
 * trimmed and upper-cased and otherwise never rewritten (BTCUSD stays BTCUSD). What a bare ticker
 * means is the server's business: it names its default exchange, and the grid learns it from the
 * server (`WatchStarted.default_exchange`) instead of assuming one.
 */

/**
 * DEFAULT_EXCHANGE is the exchange a bare ticker names when the operator configured none. The
 * server's configuration is the only reader; everyone else asks the server.
 */
export const DEFAULT_EXCHANGE = "BINANCE";
/** MAX_SYMBOL_LENGTH is the longest input accepted, before trimming is counted. */
export const MAX_SYMBOL_LENGTH = 40;
/** EXCHANGE_PATTERN is what an exchange name looks like, e.g. BINANCE or GEMINI_X. */
export const EXCHANGE_PATTERN = /^[A-Z][A-Z0-9_]{0,19}$/;
const TICKER = /^[A-Z0-9][A-Z0-9._!]{0,29}$/;
/** SYMBOL_EXAMPLE tells a person what to type. */
export const SYMBOL_EXAMPLE = 'use TICKER or EXCHANGE:TICKER, e.g. "BTCUSD" or "COINBASE:ETHUSD"';

/**
 * SymbolCheck is a syntactically valid symbol, or why the input is not one, in words a person can
 * act on. `exchange` is undefined for a bare ticker: which exchange that is, the server decides.
 */
export type SymbolCheck =
  | { readonly ok: true; readonly exchange: string | undefined; readonly ticker: string }
  | { readonly ok: false; readonly reason: string };

/** checkSymbol trims, upper-cases and validates `input`. Never throws. */
export function checkSymbol(input: string): SymbolCheck {
  const trimmed = input.trim();
  if (trimmed === "") return refuse(`it is empty; ${SYMBOL_EXAMPLE}`);
  // Before upper-casing: "ſ".toUpperCase() is "S", and a symbol is never silently rewritten.
  if (!/^[\x21-\x7e]*$/.test(trimmed)) {
    return refuse(`only the letters A-Z, digits and . ! _ : are allowed; ${SYMBOL_EXAMPLE}`);
  }
  const text = trimmed.toUpperCase();
  if (text.length > MAX_SYMBOL_LENGTH) return refuse(`it is longer than ${MAX_SYMBOL_LENGTH} characters`);
  const parts = text.split(":");
  if (parts.length > 2) return refuse(`it has more than one ":"; ${SYMBOL_EXAMPLE}`);
  const [first, second] = parts as [string, string | undefined];
  const exchange = second === undefined ? undefined : first;
  const ticker = second ?? first;
  if (exchange !== undefined && !EXCHANGE_PATTERN.test(exchange)) {
    return refuse(`exchange "${exchange}" must be letters, digits or _`);
  }
  if (!TICKER.test(ticker)) {
    return refuse(`ticker must be letters and digits (with . ! _ inside, at most 30); ${SYMBOL_EXAMPLE}`);
  }
  return { ok: true, exchange, ticker };
}

/**
 * symbolId is the id clients see for `ticker` on `exchange`: the ticker alone on
 * `defaultExchange`, else `EXCHANGE:TICKER`. An undefined exchange (a bare ticker) stays bare;
 * an undefined default (not known yet) drops no exchange.
 */
export function symbolId(exchange: string | undefined, ticker: string, defaultExchange: string | undefined): string {
  return exchange === undefined || exchange === defaultExchange ? ticker : `${exchange}:${ticker}`;
}

function refuse(reason: string): SymbolCheck {
  return { ok: false, reason };
}
