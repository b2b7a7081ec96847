import { useMemo, useSyncExternalStore } from "react";
import type { ActivitySnapshot } from "../api/activity-store.js";
import { useStatusStores } from "./status-context.js";

/** Activity is what a component sees: the list, its stream, and the pause control. */
export interface Activity extends ActivitySnapshot {
  pause(): void;
  resume(): void;
}

/**
 * useActivity subscribes the component to the Activity list. While any component is subscribed,
 * one StreamActivity stream feeds it; when the last one unmounts, the stream is aborted.
 */
export function useActivity(): Activity {
  const { activity } = useStatusStores();
  const snapshot = useSyncExternalStore(activity.subscribe, activity.getSnapshot);
  return useMemo(() => ({ ...snapshot, pause: activity.pause, resume: activity.resume }), [snapshot, activity]);
}
