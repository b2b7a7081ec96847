/**
 * Symbols: the one place that turns what a user typed into a symbol the system can use.
 *
 * A symbol is `TICKER` or `EXCHANGE:TICKER`. Input is trimmed and upper-cased, and nothing else is
 * changed: BTCUSD stays BTCUSD. Anything that is not a plausible ticker is refused here, before any
 * page opens.
 */

/** SymbolRef is a parsed, validated symbol. */
export interface SymbolRef {
  /** exchange, e.g. "BINANCE". */
  readonly exchange: string;
  /** ticker, e.g. "BTCUSD", "1000PEPEUSDT", "BTCUSDT.P". */
  readonly ticker: string;
  /**
   * id is the symbol as clients see it: the ticker alone on the default exchange, else
   * `EXCHANGE:TICKER`. Two inputs that name the same page have the same id.
   */
  readonly id: string;
}

/** InvalidSymbolError says why an input is not a symbol, in words a person can act on. */
export class InvalidSymbolError extends Error {
  override readonly name = "InvalidSymbolError";
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`invalid symbol ${quoteInput(input)}: ${reason}`);
  }
}

export const MAX_SYMBOL_LENGTH = 40;
const TICKER = /^[A-Z0-9][A-Z0-9._!]{0,29}$/;
const EXCHANGE = /^[A-Z][A-Z0-9_]{0,19}$/;
const EXAMPLE = 'use TICKER or EXCHANGE:TICKER, e.g. "BTCUSD" or "COINBASE:ETHUSD"';

/**
 * parseSymbol trims and upper-cases `input` and validates it.
 * @throws InvalidSymbolError when the input is not a plausible symbol.
 */
export function parseSymbol(input: string, defaultExchange = "BINANCE"): SymbolRef {
  const trimmed = input.trim();
  if (trimmed === "") throw new InvalidSymbolError(input, `it is empty; ${EXAMPLE}`);
  // Before upper-casing: "ſ".toUpperCase() is "S", and a symbol is never silently rewritten.
  if (!/^[\x21-\x7e]*$/.test(trimmed)) {
    throw new InvalidSymbolError(input, `only the letters A-Z, digits and . ! _ : are allowed; ${EXAMPLE}`);
  }
  const text = trimmed.toUpperCase();
  if (text.length > MAX_SYMBOL_LENGTH) {
    throw new InvalidSymbolError(input, `it is longer than ${MAX_SYMBOL_LENGTH} characters`);
  }
  const parts = text.split(":");
  if (parts.length > 2) throw new InvalidSymbolError(input, `it has more than one ":"; ${EXAMPLE}`);
  const [first, second] = parts as [string, string | undefined];
  const exchange = second === undefined ? defaultExchange : first;
  const ticker = second === undefined ? first : second;
  if (!EXCHANGE.test(exchange)) {
    throw new InvalidSymbolError(input, `exchange "${exchange}" must be letters, digits or _`);
  }
  if (!TICKER.test(ticker)) {
    throw new InvalidSymbolError(
      input,
      `ticker must be letters and digits (with . ! _ inside, at most 30); ${EXAMPLE}`,
    );
  }
  const id = exchange === defaultExchange ? ticker : `${exchange}:${ticker}`;
  return { exchange, ticker, id };
}

/** quoteInput shows a user's input in an error message, shortened and with controls escaped. */
function quoteInput(input: string): string {
  const shown = input.length > 48 ? `${input.slice(0, 45)}...` : input;
  return JSON.stringify(shown);
}
