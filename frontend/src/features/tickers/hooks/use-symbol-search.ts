import { useSyncExternalStore } from "react";
import type { SearchSnapshot, SymbolSearch } from "../api/symbol-search.js";
import { useSymbolSearchStore } from "./ticker-store-context.js";

/**
 * useSymbolSearch subscribes the component to the Ticker field's suggestions (api/symbol-search.ts)
 * and hands back the store for its actions. Unmounting the last user drops a running search.
 */
export function useSymbolSearch(): { suggestions: SearchSnapshot; search: SymbolSearch } {
  const search = useSymbolSearchStore();
  const suggestions = useSyncExternalStore(search.subscribe, search.getSnapshot);
  return { suggestions, search };
}
