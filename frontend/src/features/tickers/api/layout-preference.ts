import { createListeners } from "../../../lib/listeners.js";
import type { Logger } from "../../../lib/log.js";

const KEY = "crypto-stream.layout.v1";

/** LayoutPreference is whether the grid is compact (one row per ticker), remembered. */
export interface LayoutPreference {
  /** subscribe registers `listener` for changes. @returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** isCompact is true for one row per ticker, false for cards (the first visit's). */
  isCompact(): boolean;
  /** setCompact changes the layout and remembers it. */
  setCompact(compact: boolean): void;
}

/**
 * createLayoutPreference reads the layout saved in `storage` (localStorage in the app) and saves
 * each change there. Storage that throws is logged and otherwise ignored: the choice then lasts as
 * long as the page.
 */
export function createLayoutPreference(storage: Storage, log: Logger): LayoutPreference {
  let compact = false;
  try {
    compact = storage.getItem(KEY) === "compact";
  } catch (err) {
    log.warn(`cannot read the saved layout: ${String(err)}`);
  }
  const listeners = createListeners();
  return {
    subscribe: listeners.subscribe,
    isCompact: () => compact,
    setCompact(next) {
      if (next === compact) return;
      compact = next;
      try {
        storage.setItem(KEY, compact ? "compact" : "cards");
      } catch (err) {
        log.warn(`cannot save the layout: ${String(err)}`);
      }
      listeners.notify();
    },
  };
}
