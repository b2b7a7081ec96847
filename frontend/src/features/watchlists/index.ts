export { createWatchlistStorage } from "./api/watchlist-storage.js";
export { createWatchlistStore, type WatchlistStore } from "./api/watchlist-store.js";
export { WatchlistBar } from "./components/watchlist-bar.js";
export { WatchlistProvider } from "./hooks/watchlist-context.js";
export { symbolsInLink } from "./model/shared-link.js";
