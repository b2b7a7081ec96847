import { useMemo, useSyncExternalStore } from "react";
import type { AccessSnapshot } from "../api/token-store.js";
import { useTokenStore } from "./access-context.js";

/** Access is what a component sees: the status, and the two things a person can do. */
export interface Access extends AccessSnapshot {
  /** save uses the token from now on, in this tab, or on this device when `remember`. */
  save(token: string, options: { remember: boolean }): void;
  /** forget drops the token; the page asks again if the server needs one. */
  forget(): void;
}

/** useAccess subscribes the component to the page's token store. */
export function useAccess(): Access {
  const tokens = useTokenStore();
  const snapshot = useSyncExternalStore(tokens.subscribe, tokens.getSnapshot);
  return useMemo(() => ({ ...snapshot, save: tokens.save, forget: tokens.forget }), [snapshot, tokens]);
}
