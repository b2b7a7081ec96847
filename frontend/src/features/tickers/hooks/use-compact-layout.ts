import { useCallback, useSyncExternalStore } from "react";
import { useLayoutPreference } from "./ticker-store-context.js";

/** useCompactLayout is whether the grid is compact, and the function that changes it (remembered). */
export function useCompactLayout(): [compact: boolean, setCompact: (compact: boolean) => void] {
  const layout = useLayoutPreference();
  const compact = useSyncExternalStore(layout.subscribe, layout.isCompact);
  const setCompact = useCallback((next: boolean) => layout.setCompact(next), [layout]);
  return [compact, setCompact];
}
