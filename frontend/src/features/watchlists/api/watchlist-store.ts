/**
 * The watchlist store: the named lists, which one is open, and a shared link's list while it is
 * shown. React-free; the page reads it through useSyncExternalStore. What the open list holds is
 * the ticker store's business: this store hears each change (`setOpenSymbols`) and tells it
 * which symbols to show when another list opens (`opened`).
 */
import { createListeners } from "../../../lib/listeners.js";
import { exportText, readExportText } from "../model/watchlist-file.js";
import { checkName, leftOutMessage, MAX_LISTS, uniqueName, type CleanSymbols, type NameCheck, type Watchlist } from "../model/watchlist.js";
import type { SavedWatchlists } from "./watchlist-storage.js";

/** SharedList is a shared link's list while it is open and not saved. */
export interface SharedList {
  readonly symbols: readonly string[];
  /** leftOut says what the link named that was dropped; "" when nothing. */
  readonly leftOut: string;
}

/** WatchlistSnapshot is what the lists' controls render. */
export interface WatchlistSnapshot {
  readonly lists: readonly Watchlist[];
  /** activeId is the saved list open, or the one a shared list goes back to. */
  readonly activeId: string;
  /** shared is the shared link's list while it is shown instead of `activeId`'s. */
  readonly shared?: SharedList | undefined;
}

/** Outcome is the result of an action, in words for the person who asked. */
export type Outcome = { ok: true; message: string } | { ok: false; reason: string };

/** WatchlistStore holds the lists. Every change is saved at once. */
export interface WatchlistStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): WatchlistSnapshot;
  /** openSymbols are the symbols of what is shown: the shared list, or the active list. */
  openSymbols(): readonly string[];
  /** allSymbols are every saved list's symbols and the shared list's, each once. */
  allSymbols(): string[];
  /** setOpenSymbols keeps the shown list's new symbols (the shared list's only in memory). */
  setOpenSymbols(symbols: readonly string[]): void;
  /** switchTo opens saved list `id`, leaving any shared list; unknown ids are ignored. */
  switchTo(id: string): void;
  /** create makes an empty list named `name` and opens it. */
  create(name: string): NameCheck;
  /** rename renames list `id`. */
  rename(id: string, name: string): NameCheck;
  /** remove deletes list `id` and opens the first left; the last list cannot go. */
  remove(id: string): Outcome;
  /** saveShared keeps the shared list as a new list named `name`, never over an existing one. */
  saveShared(name: string): NameCheck;
  /** dismissShared leaves the shared list and opens the active list again. */
  dismissShared(): void;
  /** exportText is the export file of every saved list. */
  exportText(): string;
  /** importText adds the lists of an export file, or refuses the whole file and changes nothing. */
  importText(text: string): Outcome;
}

/** WatchlistStoreOptions are the store's start and outlets. */
export interface WatchlistStoreOptions {
  saved: SavedWatchlists;
  save(saved: SavedWatchlists): void;
  /** shared is a shared link's tickers, when the page was opened with one. */
  shared?: CleanSymbols | undefined;
  /** opened hears the symbols to show whenever another list is shown. */
  opened?(symbols: readonly string[]): void;
  /** newId makes a list id no list has; random by default. */
  newId?(): string;
}

/** createWatchlistStore makes the store from what was saved, showing `shared` first if given. */
export function createWatchlistStore(options: WatchlistStoreOptions): WatchlistStore {
  const listeners = createListeners();
  const newId = options.newId ?? (() => `list-${crypto.randomUUID()}`);
  let snapshot: WatchlistSnapshot = {
    ...options.saved,
    shared: options.shared && { symbols: options.shared.symbols, leftOut: leftOutMessage(options.shared) },
  };

  function change(next: WatchlistSnapshot, reopen: boolean): void {
    const savedChanged = next.lists !== snapshot.lists || next.activeId !== snapshot.activeId;
    snapshot = next;
    if (savedChanged) options.save({ lists: next.lists, activeId: next.activeId });
    if (reopen) options.opened?.(store.openSymbols());
    listeners.notify();
  }

  function active(): Watchlist {
    return snapshot.lists.find((list) => list.id === snapshot.activeId) ?? snapshot.lists[0]!;
  }

  function full(): NameCheck | undefined {
    return snapshot.lists.length >= MAX_LISTS ? { ok: false, reason: `The page keeps at most ${MAX_LISTS} lists: delete one first.` } : undefined;
  }

  function addList(name: string, symbols: readonly string[]): NameCheck {
    const checked = checkName(name, snapshot.lists);
    if (!checked.ok) return checked;
    const refusal = full();
    if (refusal) return refusal;
    const list = { id: newId(), name: checked.name, symbols };
    change({ lists: [...snapshot.lists, list], activeId: list.id }, true);
    return checked;
  }

  const store: WatchlistStore = {
    subscribe: listeners.subscribe,
    getSnapshot: () => snapshot,
    openSymbols: () => snapshot.shared?.symbols ?? active().symbols,
    allSymbols: () => [...new Set([...snapshot.lists.flatMap((list) => list.symbols), ...(snapshot.shared?.symbols ?? [])])],
    setOpenSymbols(symbols) {
      if (snapshot.shared) {
        change({ ...snapshot, shared: { ...snapshot.shared, symbols: [...symbols] } }, false);
        return;
      }
      const open = active();
      if (sameSymbols(open.symbols, symbols)) return;
      const lists = snapshot.lists.map((list) => (list === open ? { ...list, symbols: [...symbols] } : list));
      change({ ...snapshot, lists }, false);
    },
    switchTo(id) {
      if (!snapshot.lists.some((list) => list.id === id)) return;
      if (id === snapshot.activeId && snapshot.shared === undefined) return;
      change({ lists: snapshot.lists, activeId: id }, true);
    },
    create: (name) => addList(name, []),
    rename(id, name) {
      const checked = checkName(name, snapshot.lists, id);
      if (checked.ok) {
        const lists = snapshot.lists.map((list) => (list.id === id ? { ...list, name: checked.name } : list));
        change({ ...snapshot, lists }, false);
      }
      return checked;
    },
    remove(id) {
      const gone = snapshot.lists.find((list) => list.id === id);
      if (gone === undefined) return { ok: false, reason: "That list is already gone." };
      if (snapshot.lists.length === 1) return { ok: false, reason: "The last list cannot be deleted: create another first." };
      const lists = snapshot.lists.filter((list) => list !== gone);
      const activeId = id === snapshot.activeId ? lists[0]!.id : snapshot.activeId;
      change({ ...snapshot, lists, activeId }, id === snapshot.activeId && snapshot.shared === undefined);
      return { ok: true, message: `Deleted the list "${gone.name}".` };
    },
    saveShared(name) {
      const shared = snapshot.shared;
      if (shared === undefined) return { ok: false, reason: "There is no shared list to save." };
      const checked = addList(name, shared.symbols);
      return checked;
    },
    dismissShared() {
      if (snapshot.shared === undefined) return;
      change({ lists: snapshot.lists, activeId: snapshot.activeId }, true);
    },
    exportText: () => exportText(snapshot.lists),
    importText(text) {
      const read = readExportText(text);
      if (!read.ok) return read;
      if (snapshot.lists.length + read.lists.length > MAX_LISTS) {
        return { ok: false, reason: `Importing ${read.lists.length} lists would make more than ${MAX_LISTS}: delete some first. Nothing was changed.` };
      }
      const lists = [...snapshot.lists];
      for (const list of read.lists) lists.push({ id: newId(), name: uniqueName(list.name, lists), symbols: list.symbols });
      const names = lists.slice(snapshot.lists.length).map((list) => `"${list.name}"`);
      change({ ...snapshot, lists }, false);
      return { ok: true, message: `Imported ${names.length === 1 ? "1 list" : `${names.length} lists`}: ${names.join(", ")}.` };
    },
  };
  return store;
}

function sameSymbols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((symbol, index) => symbol === b[index]);
}
