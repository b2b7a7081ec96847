import type { Logger } from "../../../lib/log.js";
import { readStoredJson, writeStoredJson } from "../../../lib/stored-json.js";
import { checkName, cleanSymbols, MAX_LISTS, type Watchlist } from "../model/watchlist.js";

const KEY = "crypto-stream.watchlists.v1";
/** FIRST_LIST_NAME names the list a first visit, or the single list of an older version, becomes. */
const FIRST_LIST_NAME = "My list";

/** SavedWatchlists are the lists and which one was open last. */
export interface SavedWatchlists {
  readonly lists: readonly Watchlist[];
  readonly activeId: string;
}

/** WatchlistStorage keeps the lists across reloads. */
export interface WatchlistStorage {
  /** load is the saved lists; never empty. */
  load(): SavedWatchlists;
  save(saved: SavedWatchlists): void;
}

/**
 * createWatchlistStorage keeps the lists in `storage` (localStorage in the app). Where none are
 * saved yet, the one list `legacy()` gives becomes the first: the single list an older version
 * kept, or a first visit's tickers, so nobody loses what they had. Unreadable entries are
 * dropped and logged; storage that throws is logged and otherwise ignored (the page then
 * forgets on reload).
 */
export function createWatchlistStorage(storage: Storage, log: Logger, legacy: () => readonly string[]): WatchlistStorage {
  function first(): SavedWatchlists {
    return { lists: [{ id: "list-1", name: FIRST_LIST_NAME, symbols: legacy() }], activeId: "list-1" };
  }
  return {
    load() {
      const stored = readStoredJson(storage, KEY, log, "watchlists");
      if (stored.kind === "none" || stored.kind === "unavailable") return first();
      const saved = stored.kind === "read" ? readSaved(stored.value) : undefined;
      if (saved === undefined) log.warn("saved watchlists are unreadable; starting from the saved ticker list");
      return saved ?? first();
    },
    save(saved) {
      writeStoredJson(storage, KEY, { version: 1, activeId: saved.activeId, lists: saved.lists }, log, "watchlists");
    },
  };
}

function readSaved(body: unknown): SavedWatchlists | undefined {
  if (typeof body !== "object" || body === null || !("lists" in body) || !Array.isArray(body.lists)) return undefined;
  const lists: Watchlist[] = [];
  for (const item of body.lists.slice(0, MAX_LISTS) as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const { id, name, symbols } = item as Record<string, unknown>;
    if (typeof id !== "string" || typeof name !== "string" || !Array.isArray(symbols)) continue;
    const checked = checkName(name, lists);
    if (!checked.ok || lists.some((list) => list.id === id)) continue;
    lists.push({ id, name: checked.name, symbols: cleanSymbols(symbols).symbols });
  }
  const first = lists[0];
  if (first === undefined) return undefined;
  const activeId = "activeId" in body && lists.some((list) => list.id === body.activeId) ? (body.activeId as string) : first.id;
  return { lists, activeId };
}
