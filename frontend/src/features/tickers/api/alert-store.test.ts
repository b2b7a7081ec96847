import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createAlertStorage, type SavedAlerts } from "./alert-storage.js";
import { createAlertStore, type AlertStoreOptions } from "./alert-store.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };

function setup(options: Partial<AlertStoreOptions> = {}) {
  const saves: SavedAlerts[] = [];
  const fired = vi.fn();
  const firstSaved = vi.fn();
  const store = createAlertStore({
    saved: {},
    symbols: ["BTCUSD", "ETHUSD"],
    defaultExchange: "BINANCE",
    save: (alerts) => saves.push(alerts),
    fired,
    firstSaved,
    now: () => 42,
    ...options,
  });
  return { store, saves, fired, firstSaved };
}

describe("createAlertStore", () => {
  it("when the server fires an alert, then the store records it once, tells its listeners and saves it fired", () => {
    const { store, saves, fired } = setup();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const alert = store.add("BTCUSD", "above", "100");
    expect(listener).toHaveBeenCalledTimes(1);

    store.fire("BTCUSD", alert.id, "100", 7);
    store.fire("BTCUSD", alert.id, "101", 8);
    store.fire("BTCUSD", "unknown", "101", 8);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(fired).toHaveBeenCalledWith("BTCUSD", { ...alert, fired: { price: "100", at: 7 } });
    expect(saves.at(-1)).toEqual({ "BINANCE:BTCUSD": [{ ...alert, fired: { price: "100", at: 7 } }] });
    expect(listener).toHaveBeenCalledTimes(2);

    unsubscribe();
    store.remove("BTCUSD", alert.id);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot().size).toBe(0);
    expect(saves.at(-1)).toEqual({});
  });

  it("when the server refuses an alert, then the reason is kept and it is no longer sent", () => {
    const { store } = setup();
    const alert = store.add("BTCUSD", "above", "100");
    store.refuse("BTCUSD", alert.id, "a watch holds at most 1 alerts");
    expect(store.getSnapshot().get("BTCUSD")).toEqual([{ ...alert, refused: "a watch holds at most 1 alerts" }]);
  });

  it("when alerts are saved, then permission is asked only for the first one", () => {
    const { store, firstSaved } = setup();
    store.add("BTCUSD", "above", "100");
    store.add("ETHUSD", "below", "3000");
    expect(firstSaved).toHaveBeenCalledTimes(1);
  });

  it("when the page reloads, then the saved alerts come back under the cards' names", () => {
    const storage = createAlertStorage(localStorage, quiet);
    const first = setup({ save: storage.save });
    first.store.add("BTCUSD", "above", "100");
    const below = first.store.add("BTCUSD", "below", "90");
    first.store.fire("BTCUSD", below.id, "89", 5);

    const again = setup({ saved: storage.load() });
    expect(again.store.getSnapshot().get("BTCUSD")).toEqual(first.store.getSnapshot().get("BTCUSD"));
  });

  it("when the ticker list changes, then alerts follow renames and go with their ticker", () => {
    const { store, saves } = setup({ defaultExchange: undefined, symbols: ["BTCUSD", "COINBASE:ETHUSD"] });
    store.add("BTCUSD", "above", "100");
    store.add("COINBASE:ETHUSD", "above", "100");
    expect(Object.keys(saves.at(-1) ?? {})).toEqual(["BTCUSD", "COINBASE:ETHUSD"]);

    // The server names its default: the bare ticker meant it; COINBASE's becomes the short name.
    store.retain(["COINBASE:BTCUSD", "COINBASE:ETHUSD"], "COINBASE");
    expect([...store.getSnapshot().keys()]).toEqual(["BTCUSD", "ETHUSD"]);
    expect(Object.keys(saves.at(-1) ?? {})).toEqual(["COINBASE:BTCUSD", "COINBASE:ETHUSD"]);

    store.retain(["COINBASE:ETHUSD"], "COINBASE");
    expect([...store.getSnapshot().keys()]).toEqual(["ETHUSD"]);
  });

  it("when saved alerts are of tickers no longer listed, or unreadable, then they are dropped; an old `armed` flag is ignored", () => {
    localStorage.setItem(
      "crypto-stream.alerts.v1",
      JSON.stringify({
        "BINANCE:BTCUSD": [{ id: "x", direction: "above", level: "100", armed: true }, { id: "y", level: "-1" }],
        "BINANCE:DOGEUSD": [{ id: "z", direction: "below", level: "1", armed: false }],
      }),
    );
    const { store } = setup({ saved: createAlertStorage(localStorage, quiet).load() });
    expect([...store.getSnapshot().keys()]).toEqual(["BTCUSD"]);
    expect(store.getSnapshot().get("BTCUSD")).toEqual([{ id: "x", direction: "above", level: "100" }]);
  });
});
