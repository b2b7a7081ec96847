/**
 * The alert store: every ticker's price alerts, outside React. The page adds and removes them; the
 * alert sync (alert-sync.ts) sets them on the server and reports what the server said: fired, or
 * refused. The ticker store's list changes reach it through `retain`. The page reads it through
 * useSyncExternalStore.
 */
import { createListeners } from "../../../lib/listeners.js";
import type { AlertDirection, PriceAlert } from "../model/alert.js";
import { renamedSymbol } from "../model/symbol.js";
import type { SavedAlerts } from "./alert-storage.js";

/** AlertSnapshot is the alerts by ticker id (as its card names it), oldest first. */
export type AlertSnapshot = ReadonlyMap<string, readonly PriceAlert[]>;

/** AlertStore holds the alerts. Each change makes a new snapshot; untouched tickers keep their lists. */
export interface AlertStore {
  /** subscribe registers `listener` for changes. @returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): AlertSnapshot;
  /**
   * add saves an alert on `symbol` at `level` (a positive decimal, see parseAlertLevel), waiting
   * for the server to set it. The first alert of the page asks for notifications.
   */
  add(symbol: string, direction: AlertDirection, level: string): PriceAlert;
  /** remove drops alert `id` of `symbol`; unknown ones are ignored. */
  remove(symbol: string, id: string): void;
  /** fire records that the server fired alert `id` of `symbol` on `price` seen at `at` (ms); once. */
  fire(symbol: string, id: string, price: string, at: number): void;
  /** refuse records why the server would not set alert `id` of `symbol`; it is not sent again. */
  refuse(symbol: string, id: string, reason: string): void;
  /**
   * retain follows the ticker list, given as the ticker store saves it (exchange named) with the
   * server's default exchange: ids are renamed as the cards are, and alerts of tickers no longer
   * in the list are dropped.
   */
  retain(symbols: readonly string[], defaultExchange: string | undefined): void;
}

/** AlertStoreOptions are the store's start and its outlets. */
export interface AlertStoreOptions {
  /** saved are the alerts the last visit saved, and `symbols` that visit's ticker list. */
  readonly saved: SavedAlerts;
  readonly symbols: readonly string[];
  /** defaultExchange is the server's as last heard, as the ticker store starts with it. */
  readonly defaultExchange?: string | undefined;
  /** save keeps the alerts after each change, symbols with their exchange named. */
  save(alerts: SavedAlerts): void;
  /** fired hears each alert as it fires, for a notification and a sound. */
  fired?(symbol: string, alert: PriceAlert): void;
  /** firstSaved hears that an alert was saved while there was none: the time to ask to notify. */
  firstSaved?(): void;
  now?: () => number;
}

/** createAlertStore makes the store from what was saved, keeping only alerts of listed tickers. */
export function createAlertStore(options: AlertStoreOptions): AlertStore {
  const now = options.now ?? Date.now;
  let known = options.defaultExchange;
  const listed = new Set(options.symbols.map((s) => renamedSymbol(s, undefined, known)));
  let alerts = new Map<string, readonly PriceAlert[]>();
  for (const [symbol, list] of Object.entries(options.saved)) {
    const id = renamedSymbol(symbol, undefined, known);
    if (listed.has(id)) alerts.set(id, [...(alerts.get(id) ?? []), ...list]);
  }
  const listeners = createListeners();
  let sequence = 0;

  function commit(next: Map<string, readonly PriceAlert[]>): void {
    alerts = next;
    const saved: Record<string, readonly PriceAlert[]> = {};
    for (const [symbol, list] of alerts) saved[renamedSymbol(symbol, known, undefined)] = list;
    options.save(saved);
    listeners.notify();
  }

  function replace(symbol: string, list: readonly PriceAlert[]): void {
    const next = new Map(alerts);
    if (list.length === 0) next.delete(symbol);
    else next.set(symbol, list);
    commit(next);
  }

  /** update changes alert `id` of `symbol` with `change`, unless `change` returns it unchanged. */
  function update(symbol: string, id: string, change: (alert: PriceAlert) => PriceAlert): PriceAlert | undefined {
    const list = alerts.get(symbol);
    const index = list?.findIndex((alert) => alert.id === id) ?? -1;
    if (list === undefined || index < 0) return undefined;
    const next = change(list[index]!);
    if (next === list[index]) return undefined;
    replace(symbol, list.with(index, next));
    return next;
  }

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => alerts,
    add(symbol, direction, level) {
      const first = alerts.size === 0;
      const alert: PriceAlert = { id: `${now().toString(36)}-${(sequence++).toString(36)}`, direction, level };
      replace(symbol, [...(alerts.get(symbol) ?? []), alert]);
      if (first) options.firstSaved?.();
      return alert;
    },
    remove(symbol, id) {
      const list = alerts.get(symbol);
      if (list?.some((alert) => alert.id === id)) replace(symbol, list.filter((alert) => alert.id !== id));
    },
    fire(symbol, id, price, at) {
      const fired = update(symbol, id, (alert) => (alert.fired === undefined ? { ...alert, fired: { price, at } } : alert));
      if (fired !== undefined) options.fired?.(symbol, fired);
    },
    refuse(symbol, id, reason) {
      update(symbol, id, (alert) => (alert.refused === reason ? alert : { ...alert, refused: reason }));
    },
    retain(symbols, defaultExchange) {
      const from = known;
      known = defaultExchange;
      const keep = new Set(symbols);
      const next = new Map<string, readonly PriceAlert[]>();
      for (const [symbol, list] of alerts) {
        const id = renamedSymbol(symbol, from, known);
        if (keep.has(renamedSymbol(id, known, undefined))) next.set(id, list);
      }
      const same = next.size === alerts.size && [...next.keys()].every((id) => alerts.has(id));
      if (!same || from !== known) commit(next);
    },
  };
}
