import { describe, expect, it } from "vitest";
import { recordingLogger as recorder, refusingStorage } from "../../../lib/testing/storage-doubles.js";
import { createWatchlistStorage } from "./watchlist-storage.js";

const KEY = "crypto-stream.watchlists.v1";

describe("createWatchlistStorage", () => {
  it("when no lists were saved, then the older single list becomes the first list, nothing lost", () => {
    const { log } = recorder();
    const storage = createWatchlistStorage(localStorage, log, () => ["BINANCE:BTCUSD", "COINBASE:ETHUSD"]);
    expect(storage.load()).toEqual({
      lists: [{ id: "list-1", name: "My list", symbols: ["BINANCE:BTCUSD", "COINBASE:ETHUSD"] }],
      activeId: "list-1",
    });
  });

  it("when lists were saved, then they load with the one open last", () => {
    const { log } = recorder();
    const storage = createWatchlistStorage(localStorage, log, () => []);
    const saved = {
      lists: [
        { id: "a", name: "A", symbols: ["BTCUSD"] },
        { id: "b", name: "B", symbols: [] },
      ],
      activeId: "b",
    };
    storage.save(saved);
    expect(createWatchlistStorage(localStorage, log, () => ["IGNORED"]).load()).toEqual(saved);
  });

  it("when saved data is corrupt, then readable lists load and the rest is dropped and logged", () => {
    const { log, warnings } = recorder();
    localStorage.setItem(KEY, "{nope");
    expect(createWatchlistStorage(localStorage, log, () => ["SOLUSD"]).load().lists[0]?.symbols).toEqual(["SOLUSD"]);
    expect(warnings).toEqual(["saved watchlists are unreadable; starting from the saved ticker list"]);

    const lists = [{ id: "a", name: "A", symbols: ["btcusd", "NOT OK", 3] }, { id: "a", name: "dup id", symbols: [] }, { name: "no id" }, null];
    localStorage.setItem(KEY, JSON.stringify({ version: 1, activeId: "gone", lists }));
    expect(createWatchlistStorage(localStorage, log, () => []).load()).toEqual({
      lists: [{ id: "a", name: "A", symbols: ["BTCUSD"] }],
      activeId: "a",
    });
  });

  it("when storage throws, then the first list still loads and saving is logged, not thrown", () => {
    const { log, warnings } = recorder();
    const storage = createWatchlistStorage(refusingStorage(), log, () => ["BTCUSD"]);
    expect(storage.load().lists[0]?.symbols).toEqual(["BTCUSD"]);
    storage.save({ lists: [], activeId: "x" });
    expect(warnings).toEqual(["cannot read saved watchlists: Error: denied", "cannot save watchlists: Error: quota"]);
  });
});
