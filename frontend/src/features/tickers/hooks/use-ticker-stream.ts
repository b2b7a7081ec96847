import { useMemo, useSyncExternalStore } from "react";
import type { SymbolParse } from "../model/symbol.js";
import type { TickerSnapshot } from "../model/ticker.js";
import { useTickerStore } from "./ticker-store-context.js";

/** TickerStream is what a component sees: the sorted tickers, the connection, and the actions. */
export interface TickerStream extends TickerSnapshot {
  /** add validates `input` and adds it; a refusal says why and nothing is sent. */
  add(input: string): SymbolParse;
  remove(symbol: string): void;
}

/**
 * useTickerStream subscribes the component to the page's ticker store. While any component is
 * subscribed, one Watch stream feeds every ticker; when the last one unmounts it is aborted.
 */
export function useTickerStream(): TickerStream {
  const store = useTickerStore();
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return useMemo(() => ({ ...snapshot, add: store.add, remove: store.remove }), [snapshot, store]);
}
