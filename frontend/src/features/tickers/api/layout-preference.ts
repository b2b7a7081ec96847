import { createPreference, oneOf } from "../../../lib/preference.js";
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
 * each change there (lib/preference.ts: storage that throws is logged and otherwise ignored).
 */
export function createLayoutPreference(storage: Storage, log: Logger): LayoutPreference {
  const layout = createPreference<"compact" | "cards">({
    storage,
    log,
    key: KEY,
    parse: oneOf("compact", "cards"),
    fallback: () => "cards",
  });
  return {
    subscribe: layout.subscribe,
    isCompact: () => layout.get() === "compact",
    setCompact: (compact) => layout.set(compact ? "compact" : "cards"),
  };
}
