import { ConnectError } from "@connectrpc/connect";
import { MAX_CATALOG_QUERY_LENGTH } from "@crypto-stream/symbols/catalog-query.js";
import { createListeners } from "../../../lib/listeners.js";
import type { Logger } from "../../../lib/log.js";

/**
 * MAX_QUERY_LENGTH is the longest query CatalogService.SearchSymbols accepts (the rule the server
 * shares, packages/symbols); a longer one is not sent, since the server would only refuse it.
 */
export const MAX_QUERY_LENGTH = MAX_CATALOG_QUERY_LENGTH;
/** SUGGESTION_LIMIT is how many suggestions one search asks for: a list a person can scan. */
export const SUGGESTION_LIMIT = 8;
/** DEBOUNCE_MS is how long typing must pause before a search is sent. */
export const DEBOUNCE_MS = 150;

/** Suggestion is one catalog entry as the Ticker field offers it. */
export interface Suggestion {
  /** symbol is what adding the suggestion adds, as the server normalises it. */
  readonly symbol: string;
  readonly name: string;
  /** label is what the list shows: "BTCUSD — Bitcoin / U.S. Dollar". */
  readonly label: string;
}

/** SearchSnapshot is what the combobox shows; a new object on every change. */
export interface SearchSnapshot {
  /** entries are the latest answer's suggestions, best first; [] when there is none. */
  readonly entries: readonly Suggestion[];
  /** open is true while the list shows: there are entries and nobody closed it. */
  readonly open: boolean;
  /** active is the index of the highlighted entry, or -1 when none is. */
  readonly active: number;
}

/** SearchCatalog asks the server; it rejects when the call fails or `signal` aborts it. */
export type SearchCatalog = (
  request: { query: string; limit: number },
  options: { signal: AbortSignal },
) => Promise<{ entries: readonly { symbol: string; name: string }[] }>;

/** SymbolSearch is the Ticker field's suggestions, React-free. */
export interface SymbolSearch {
  subscribe(listener: () => void): () => void;
  getSnapshot(): SearchSnapshot;
  /**
   * typed takes the field's text: after a pause of `debounceMs`, the catalog is searched for it;
   * a search still running for older text is aborted, and its answer never shows. Blank or
   * too-long text closes the list without a call.
   */
  typed(text: string): void;
  /** move highlights the next (1) or previous (-1) entry, wrapping; it reopens a closed list. */
  move(step: 1 | -1): void;
  /** close hides the list and forgets the highlight; pending and running searches are dropped. */
  close(): void;
  /** activeEntry is the highlighted entry while the list is open, else undefined. */
  activeEntry(): Suggestion | undefined;
}

/** SymbolSearchOptions: `search` is the call (CatalogService.SearchSymbols in the app). */
export interface SymbolSearchOptions {
  search: SearchCatalog;
  log: Logger;
  debounceMs?: number;
}

const CLOSED: SearchSnapshot = { entries: [], open: false, active: -1 };

/**
 * createSymbolSearch makes the store. A failed search logs one line and shows nothing: adding a
 * ticker never waits for, or depends on, the catalog. When its last listener leaves, whatever is
 * pending or running is dropped.
 */
export function createSymbolSearch(options: SymbolSearchOptions): SymbolSearch {
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  let snapshot = CLOSED;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: AbortController | undefined;
  const listeners = createListeners(undefined, drop);

  function set(next: SearchSnapshot): void {
    snapshot = next;
    listeners.notify();
  }

  function drop(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    running?.abort();
    running = undefined;
  }

  async function run(query: string): Promise<void> {
    const controller = new AbortController();
    running = controller;
    try {
      const answer = await options.search({ query, limit: SUGGESTION_LIMIT }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const entries = answer.entries.map(({ symbol, name }) => ({ symbol, name, label: `${symbol} — ${name}` }));
      set({ entries, open: entries.length > 0, active: -1 });
    } catch (err) {
      if (controller.signal.aborted) return;
      options.log.warn(`symbol search failed: ${ConnectError.from(err).code}`);
      set(CLOSED);
    } finally {
      if (running === controller) running = undefined;
    }
  }

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => snapshot,
    typed(text) {
      drop();
      const query = text.trim();
      if (query === "" || text.length > MAX_QUERY_LENGTH) {
        if (snapshot !== CLOSED) set(CLOSED);
        return;
      }
      if (snapshot.active !== -1) set({ ...snapshot, active: -1 });
      timer = setTimeout(() => {
        timer = undefined;
        void run(query);
      }, debounceMs);
    },
    move(step) {
      const count = snapshot.entries.length;
      if (count === 0) return;
      if (!snapshot.open) {
        set({ ...snapshot, open: true, active: step === 1 ? 0 : count - 1 });
        return;
      }
      const from = snapshot.active === -1 ? (step === 1 ? -1 : count) : snapshot.active;
      set({ ...snapshot, active: (from + step + count) % count });
    },
    close() {
      drop();
      if (snapshot.open || snapshot.active !== -1) set({ ...snapshot, open: false, active: -1 });
    },
    activeEntry: () => (snapshot.open ? snapshot.entries[snapshot.active] : undefined),
  };
}
