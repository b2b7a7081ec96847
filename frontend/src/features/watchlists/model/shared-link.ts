/**
 * Shared links: `/?symbols=BTCUSD,COINBASE:ETHUSD` opens that list. The parameter is bounded
 * before it is read, so a hostile link cannot make the page parse megabytes.
 */
import { cleanSymbols, MAX_SYMBOLS_PER_LIST, type CleanSymbols } from "./watchlist.js";
import { MAX_SYMBOL_LENGTH } from "@crypto-stream/symbols/symbol.js";

/** PARAM is the query parameter a shared link carries its tickers in. */
const PARAM = "symbols";
/** MAX_PARAM_LENGTH is the longest parameter read: a full list of the longest tickers. */
const MAX_PARAM_LENGTH = MAX_SYMBOLS_PER_LIST * (MAX_SYMBOL_LENGTH + 1);

/**
 * symbolsInLink reads the tickers of a page address's query string (`location.search`): undefined
 * when it names none, else its valid tickers and what was left out. An over-long parameter is
 * cut at the last comma before the bound; what was cut counts as left out.
 */
export function symbolsInLink(search: string): CleanSymbols | undefined {
  const raw = new URLSearchParams(search).get(PARAM);
  if (raw === null) return undefined;
  const bounded = raw.length > MAX_PARAM_LENGTH ? raw.slice(0, Math.max(0, raw.lastIndexOf(",", MAX_PARAM_LENGTH))) : raw;
  const clean = cleanSymbols(entries(bounded));
  if (bounded === raw) return clean;
  // Counting what was cut reads only commas: bounded work, however long the parameter.
  const cut = entries(raw.slice(bounded.length)).length;
  return { ...clean, overflow: clean.overflow + cut };
}

function entries(text: string): string[] {
  return text.split(",").filter((item) => item.trim() !== "");
}

/** linkTo is the address that opens `symbols` on the page at `base` (origin and path). */
export function linkTo(base: string, symbols: readonly string[]): string {
  const url = new URL(base);
  url.search = "";
  url.hash = "";
  // Commas and colons stay readable: both are legal in a query and no ticker holds "&" or "#".
  return `${url.toString()}?${PARAM}=${symbols.map(encodeURIComponent).join(",").replace(/%3A/g, ":")}`;
}

/** withoutLink is `href` without the shared-link parameter, for `history.replaceState`. */
export function withoutLink(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(PARAM);
  return url.toString();
}
