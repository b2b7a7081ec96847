/**
 * Symbols as the grid holds them. The rule is `@crypto-stream/symbols`, the server's own; the grid
 * adds only what a bare ticker means, which it learns from the server (`default_exchange`) and
 * never assumes. Until it knows, a typed exchange is kept and a bare ticker stays bare.
 */
import { checkSymbol, SYMBOL_EXAMPLE, symbolId } from "@crypto-stream/symbols/symbol.js";

/** SymbolParse is a symbol id, or why the input is not one, in words a person can act on. */
export type SymbolParse = { ok: true; symbol: string } | { ok: false; reason: string };

/**
 * parseSymbol normalises `input` to the id the server will use for it on a server whose default
 * exchange is `defaultExchange` (undefined: not known yet), e.g. "binance:btcusd " → "BTCUSD" on
 * BINANCE, "BINANCE:BTCUSD" on COINBASE.
 */
export function parseSymbol(input: string, defaultExchange: string | undefined): SymbolParse {
  if (input.trim() === "") return { ok: false, reason: `Enter a ticker: ${SYMBOL_EXAMPLE}.` };
  const check = checkSymbol(input);
  if (!check.ok) return { ok: false, reason: `"${shorten(input.trim().toUpperCase())}" is not a ticker: ${check.reason}.` };
  return { ok: true, symbol: symbolId(check.exchange, check.ticker, defaultExchange) };
}

/**
 * renamedSymbol is what `id`, an id under default exchange `from` (undefined: a bare ticker then
 * meant "the server's default, whichever it is"), is called under default `to`. The market never
 * changes: "BTCUSD" from BINANCE to COINBASE is "BINANCE:BTCUSD". An invalid id comes back as is.
 */
export function renamedSymbol(id: string, from: string | undefined, to: string | undefined): string {
  const check = checkSymbol(id);
  return check.ok ? symbolId(check.exchange ?? from, check.ticker, to) : id;
}

function shorten(text: string): string {
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}
