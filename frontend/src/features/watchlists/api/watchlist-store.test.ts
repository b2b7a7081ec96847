import { describe, expect, it } from "vitest";
import { cleanSymbols } from "../model/watchlist.js";
import { exportText } from "../model/watchlist-file.js";
import type { SavedWatchlists } from "./watchlist-storage.js";
import { createWatchlistStore, type WatchlistStoreOptions } from "./watchlist-store.js";

const first: SavedWatchlists = { lists: [{ id: "list-1", name: "My list", symbols: ["BTCUSD", "ETHUSD"] }], activeId: "list-1" };

function setup(options: Partial<WatchlistStoreOptions> = {}) {
  const saves: SavedWatchlists[] = [];
  const opened: (readonly string[])[] = [];
  let n = 1;
  const store = createWatchlistStore({
    saved: first,
    save: (saved) => saves.push(saved),
    opened: (symbols) => opened.push(symbols),
    newId: () => `list-${(n += 1)}`,
    ...options,
  });
  let notified = 0;
  store.subscribe(() => (notified += 1));
  return { store, saves, opened, notifications: () => notified };
}

describe("createWatchlistStore", () => {
  it("when a list is created, then it opens empty, is saved as the one open, and the old one keeps its tickers", () => {
    const { store, saves, opened } = setup();
    expect(store.create(" Alts ")).toEqual({ ok: true, name: "Alts" });
    expect(opened).toEqual([[]]);
    expect(saves.at(-1)).toEqual({
      lists: [first.lists[0], { id: "list-2", name: "Alts", symbols: [] }],
      activeId: "list-2",
    });
    store.setOpenSymbols(["SOLUSD"]);
    store.switchTo("list-1");
    expect(opened.at(-1)).toEqual(["BTCUSD", "ETHUSD"]);
    store.switchTo("list-2");
    expect(opened.at(-1)).toEqual(["SOLUSD"]);
    expect(store.allSymbols()).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
  });

  it("when a name is taken or bad, then nothing changes", () => {
    const { store, saves, notifications } = setup();
    expect(store.create("my LIST").ok).toBe(false);
    expect(store.create("").ok).toBe(false);
    expect(store.rename("list-1", "x".repeat(41)).ok).toBe(false);
    expect(saves).toEqual([]);
    expect(notifications()).toBe(0);
  });

  it("when 20 lists exist, then a 21st is refused", () => {
    const { store } = setup();
    for (let i = 2; i <= 20; i += 1) expect(store.create(`L${i}`).ok).toBe(true);
    expect(store.create("one more")).toEqual({ ok: false, reason: "The page keeps at most 20 lists: delete one first." });
    expect(store.getSnapshot().lists).toHaveLength(20);
  });

  it("when the open list is renamed or deleted, then the rest follow; the last list cannot go", () => {
    const { store, opened } = setup();
    store.create("Alts");
    expect(store.rename("list-2", "Altcoins").ok).toBe(true);
    expect(store.getSnapshot().lists.map((list) => list.name)).toEqual(["My list", "Altcoins"]);
    expect(store.remove("list-2")).toEqual({ ok: true, message: 'Deleted the list "Altcoins".' });
    expect(store.getSnapshot().activeId).toBe("list-1");
    expect(opened.at(-1)).toEqual(["BTCUSD", "ETHUSD"]);
    expect(store.remove("list-1")).toEqual({ ok: false, reason: "The last list cannot be deleted: create another first." });
  });

  it("when a shared link opens, then its list shows, edits stay in memory, and saving makes a new list", () => {
    const { store, saves, opened } = setup({ shared: cleanSymbols(["SOLUSD", "bad ticker"]) });
    expect(store.openSymbols()).toEqual(["SOLUSD"]);
    expect(store.getSnapshot().shared?.leftOut).toBe('Left out not tickers: "bad ticker".');
    store.setOpenSymbols(["SOLUSD", "XRPUSD"]);
    expect(saves).toEqual([]);
    expect(store.getSnapshot().lists).toEqual(first.lists);

    expect(store.saveShared("My list").ok).toBe(false);
    expect(store.saveShared("From Ann")).toEqual({ ok: true, name: "From Ann" });
    expect(store.getSnapshot().shared).toBeUndefined();
    expect(saves.at(-1)?.lists.at(-1)).toEqual({ id: "list-2", name: "From Ann", symbols: ["SOLUSD", "XRPUSD"] });
    expect(saves.at(-1)?.lists[0]).toEqual(first.lists[0]);
    expect(opened.at(-1)).toEqual(["SOLUSD", "XRPUSD"]);
  });

  it("when a shared list is dismissed, then the list open before shows again", () => {
    const { store, opened, saves } = setup({ shared: cleanSymbols(["SOLUSD"]) });
    store.dismissShared();
    expect(store.getSnapshot().shared).toBeUndefined();
    expect(opened).toEqual([["BTCUSD", "ETHUSD"]]);
    expect(saves).toEqual([]);
  });

  it("when a file is imported, then its lists are added beside, renamed where a name is taken", () => {
    const { store } = setup();
    const text = exportText([
      { id: "x", name: "My list", symbols: ["SOLUSD"] },
      { id: "y", name: "Alts", symbols: [] },
    ]);
    expect(store.importText(text)).toEqual({ ok: true, message: 'Imported 2 lists: "My list (2)", "Alts".' });
    expect(store.getSnapshot().lists.map((list) => [list.name, list.symbols])).toEqual([
      ["My list", ["BTCUSD", "ETHUSD"]],
      ["My list (2)", ["SOLUSD"]],
      ["Alts", []],
    ]);
    expect(store.getSnapshot().activeId).toBe("list-1");
  });

  it("when a file is bad or would pass the list limit, then nothing changes", () => {
    const { store, saves } = setup();
    expect(store.importText("[]").ok).toBe(false);
    for (let i = 2; i <= 19; i += 1) store.create(`L${i}`);
    const before = saves.length;
    const two = exportText([
      { id: "x", name: "A", symbols: [] },
      { id: "y", name: "B", symbols: [] },
    ]);
    const result = store.importText(two);
    expect(result).toEqual({ ok: false, reason: "Importing 2 lists would make more than 20: delete some first. Nothing was changed." });
    expect(saves).toHaveLength(before);
  });
});
