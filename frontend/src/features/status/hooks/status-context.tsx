import { createContext, useContext, useState, type ReactNode } from "react";
import type { BackoffPolicy } from "../../../lib/backoff.js";
import type { Logger } from "../../../lib/log.js";
import { useTransport } from "../../../lib/transport.js";
import { createActivityStore, type ActivityStore } from "../api/activity-store.js";
import { changesTable } from "../api/activity-rows.js";
import { createStatusStore, type StatusStore } from "../api/status-store.js";

/** StatusStores are the Status view's two stores: the table and the Activity list. */
interface StatusStores {
  readonly status: StatusStore;
  readonly activity: ActivityStore;
}

const StatusContext = createContext<StatusStores | undefined>(undefined);

/** StatusSettings tune both stores; tests fix the jitter or shorten the waits. */
export interface StatusSettings {
  log?: Logger;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** pollIntervalMs is the wait between GetStatus answers and the next call. */
  pollIntervalMs?: number;
  /** idleTimeoutMs: an activity stream silent this long, heartbeats included, is taken as dead. */
  idleTimeoutMs?: number;
  /** tokenChanges reopens both on a new or forgotten access token (see the ticker store). */
  tokenChanges?: (listener: () => void) => () => void;
}

/**
 * StatusProvider makes the page's Status stores when it mounts, with the transport from the
 * nearest TransportProvider (the tickers' one, with its token). They call the server only while
 * the Status view is open. An activity event that moves a row of the table refreshes it at once.
 */
export function StatusProvider(props: { settings?: StatusSettings; children: ReactNode }) {
  const transport = useTransport();
  const [stores] = useState((): StatusStores => {
    const { pollIntervalMs, ...shared } = props.settings ?? {};
    const status = createStatusStore({ ...shared, transport, intervalMs: pollIntervalMs });
    const activity = createActivityStore({
      ...shared,
      transport,
      onActivity: (row) => {
        if (changesTable(row.kind)) status.refresh();
      },
    });
    return { status, activity };
  });
  return <StatusContext value={stores}>{props.children}</StatusContext>;
}

/**
 * useStatusStores returns the stores from the nearest StatusProvider.
 * @throws Error when there is none: a wiring bug.
 */
export function useStatusStores(): StatusStores {
  const stores = useContext(StatusContext);
  if (stores === undefined) throw new Error("the Status view needs a <StatusProvider> above it");
  return stores;
}
