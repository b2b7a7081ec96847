import { useSyncExternalStore } from "react";
import type { AlertStore } from "../api/alert-store.js";
import type { AlertSnapshot } from "../api/alert-store.js";
import { useAlertStore } from "./ticker-store-context.js";

/** Alerts is what a component sees: every ticker's alerts and the store's actions. */
export interface Alerts {
  readonly alerts: AlertSnapshot;
  readonly store: Pick<AlertStore, "add" | "remove">;
}

/** useAlerts subscribes the component to the page's alerts. */
export function useAlerts(): Alerts {
  const store = useAlertStore();
  const alerts = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { alerts, store };
}
