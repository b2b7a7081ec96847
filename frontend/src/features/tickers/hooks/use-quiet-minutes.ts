import { useCallback, useSyncExternalStore } from "react";
import { quietMinutes } from "../model/quiet.js";
import type { TickerView } from "../model/ticker.js";
import { useClock } from "./ticker-store-context.js";

/**
 * useQuietMinutes is how long `view`'s live price has stood still, in whole minutes, or undefined
 * (see model/quiet.ts). The component renders again only when that number changes.
 */
export function useQuietMinutes(view: TickerView): number | undefined {
  const clock = useClock();
  const read = useCallback(() => quietMinutes(view, clock.now()), [view, clock]);
  return useSyncExternalStore(clock.subscribe, read);
}
