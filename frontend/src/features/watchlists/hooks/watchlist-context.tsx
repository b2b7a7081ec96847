import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { WatchlistSnapshot, WatchlistStore } from "../api/watchlist-store.js";

const WatchlistContext = createContext<WatchlistStore | undefined>(undefined);

/**
 * WatchlistProvider hands `store` to the lists' controls below. The tickers feature makes the
 * store, since opening a list is changing its tickers, and provides it here.
 */
export function WatchlistProvider(props: { store: WatchlistStore; children: ReactNode }) {
  return <WatchlistContext value={props.store}>{props.children}</WatchlistContext>;
}

/**
 * useWatchlists is the lists as they are now, and the store that changes them.
 * @throws Error when no WatchlistProvider is above: a wiring bug.
 */
export function useWatchlists(): { snapshot: WatchlistSnapshot; store: WatchlistStore } {
  const store = useContext(WatchlistContext);
  if (store === undefined) throw new Error("the watchlists need a <WatchlistProvider> above them");
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { snapshot, store };
}
