/**
 * Watchlists as the grid keeps them: named lists of tickers, one open at a time. The limits bound
 * what a person, a saved file or a shared link can make the page hold.
 */
import { checkSymbol, symbolId } from "@crypto-stream/symbols/symbol.js";

/** MAX_LISTS is the most lists the page keeps. */
export const MAX_LISTS = 20;
/** MAX_SYMBOLS_PER_LIST matches the server's default cap on one watch (MAX_SYMBOLS_PER_WATCH). */
export const MAX_SYMBOLS_PER_LIST = 50;
/** MAX_NAME_LENGTH is the longest list name, in characters. */
export const MAX_NAME_LENGTH = 40;

/** Watchlist is one named list. Immutable: a change makes a new object. */
export interface Watchlist {
  /** id is the page's own key for the list; never shown, never shared. */
  readonly id: string;
  readonly name: string;
  /** symbols are ids as the server takes them, each named once, in the order they were added. */
  readonly symbols: readonly string[];
}

/** NameCheck is a clean name, or why the input is not one, in words a person can act on. */
export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * checkName trims `input` and accepts it when it is 1–{@link MAX_NAME_LENGTH} printable characters
 * and no other list in `lists` (but the one with id `self`, when renaming) has it, case aside:
 * two lists of one name could not be told apart in the list picker.
 */
export function checkName(input: string, lists: readonly Watchlist[], self?: string): NameCheck {
  const name = input.trim().replace(/\s+/g, " ");
  if (name === "") return { ok: false, reason: "Enter a name for the list." };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: `A list name has at most ${MAX_NAME_LENGTH} characters.` };
  if (/\p{Cc}/u.test(name)) return { ok: false, reason: "A list name cannot hold control characters." };
  const taken = lists.find((list) => list.id !== self && list.name.toLowerCase() === name.toLowerCase());
  if (taken !== undefined) return { ok: false, reason: `A list named "${taken.name}" already exists: pick another name.` };
  return { ok: true, name };
}

/** CleanSymbols are the valid, distinct symbols of some input, and what was left out. */
export interface CleanSymbols {
  readonly symbols: string[];
  /** invalid are entries that are not tickers, shortened for a message. */
  readonly invalid: string[];
  /** overflow counts valid entries past {@link MAX_SYMBOLS_PER_LIST}. */
  readonly overflow: number;
}

/**
 * cleanSymbols keeps the entries of `items` that are tickers, upper-cased and each once, at most
 * {@link MAX_SYMBOLS_PER_LIST}, with their exchange as written (a bare ticker means the server's
 * default). Never throws, whatever `items` hold.
 */
export function cleanSymbols(items: readonly unknown[]): CleanSymbols {
  const symbols = new Set<string>();
  const invalid: string[] = [];
  let overflow = 0;
  for (const item of items) {
    const check = typeof item === "string" ? checkSymbol(item) : undefined;
    if (check?.ok !== true) {
      if (invalid.length < 5) invalid.push(shown(item));
      continue;
    }
    const symbol = symbolId(check.exchange, check.ticker, undefined);
    if (symbols.has(symbol)) continue;
    if (symbols.size >= MAX_SYMBOLS_PER_LIST) overflow += 1;
    else symbols.add(symbol);
  }
  return { symbols: [...symbols], invalid, overflow };
}

/** leftOutMessage says in one sentence what {@link cleanSymbols} dropped, or "" when nothing. */
export function leftOutMessage(clean: CleanSymbols): string {
  const parts: string[] = [];
  if (clean.invalid.length > 0) parts.push(`not tickers: ${clean.invalid.join(", ")}`);
  if (clean.overflow > 0) parts.push(`${clean.overflow} past the limit of ${MAX_SYMBOLS_PER_LIST} tickers`);
  return parts.length === 0 ? "" : `Left out ${parts.join("; ")}.`;
}

/**
 * uniqueName is `name`, or `name (2)`, `name (3)`… the first that no list in `lists` has: an
 * imported list never takes an existing one's name, let alone its place.
 */
export function uniqueName(name: string, lists: readonly Watchlist[]): string {
  const taken = new Set(lists.map((list) => list.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function shown(item: unknown): string {
  const text = typeof item === "string" ? `"${item.trim()}"` : JSON.stringify(item) ?? String(item);
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}
