import { useSyncExternalStore } from "react";
import type { StatusSnapshot } from "../model/symbol-status.js";
import { useStatusStores } from "./status-context.js";

/**
 * useSymbolStatus subscribes the component to the Status table. While any component is
 * subscribed, GetStatus is asked on an interval; when the last one unmounts, polling stops.
 */
export function useSymbolStatus(): StatusSnapshot {
  const { status } = useStatusStores();
  return useSyncExternalStore(status.subscribe, status.getSnapshot);
}
