/**
 * Symbols: the one place that turns what a user typed into a symbol the system can use.
 *
 * A symbol is `TICKER` or `EXCHANGE:TICKER`. Input is trimmed and upper-cased, and nothing else is
 * changed: BTCUSD stays BTCUSD. Anything that is not a plausible ticker is refused here, before any
 * page opens. The rule itself lives in `@crypto-stream/symbols`, which the grid shares; this adds
 * the server's default exchange and its error type.
 */
import { checkSymbol, DEFAULT_EXCHANGE, symbolId } from "@crypto-stream/symbols/symbol.js";

export { MAX_SYMBOL_LENGTH } from "@crypto-stream/symbols/symbol.js";

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

/**
 * parseSymbol trims and upper-cases `input` and validates it, by the rule in
 * `@crypto-stream/symbols`; a bare ticker is on `defaultExchange`.
 * @throws InvalidSymbolError when the input is not a plausible symbol.
 */
export function parseSymbol(input: string, defaultExchange = DEFAULT_EXCHANGE): SymbolRef {
  const check = checkSymbol(input);
  if (!check.ok) throw new InvalidSymbolError(input, check.reason);
  const exchange = check.exchange ?? defaultExchange;
  return { exchange, ticker: check.ticker, id: symbolId(exchange, check.ticker, defaultExchange) };
}

/** quoteInput shows a user's input in an error message, shortened and with controls escaped. */
function quoteInput(input: string): string {
  const shown = input.length > 48 ? `${input.slice(0, 45)}...` : input;
  return JSON.stringify(shown);
}
