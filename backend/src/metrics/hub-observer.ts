/**
 * Turns the hub's plain feed events into what the metrics count: feed troubles by kind and how
 * long a symbol took from its feed opening to its first live price. The timing bookkeeping lives
 * here, not in the hub, because only metrics need it.
 */
import type { HubObserver } from "../hub/hub.js";
import type { FeedState } from "../hub/price-source.js";

/** FEED_TROUBLES are every kind of feed trouble counted, so their series can start at zero. */
export const FEED_TROUBLES = ["reconnecting", "not_found", "failed"] as const;

/** FeedTrouble is one of FEED_TROUBLES. */
export type FeedTrouble = (typeof FEED_TROUBLES)[number];

/** FeedMetrics are the instruments a HubObserver feeds. */
export interface FeedMetrics {
  quoteObserved(): void;
  /** feedTrouble counts a reconnect, a not_found or a failure. */
  feedTrouble(kind: FeedTrouble): void;
  /** pageOpened records the seconds from a feed opening to its first `live`. */
  pageOpened(seconds: number): void;
}

/**
 * createHubObserver feeds `metrics` from a hub (HubOptions.observer). It remembers when each feed
 * opened until that feed's first `live`, a final state or its release, so memory is bounded by
 * the symbols the hub holds.
 */
export function createHubObserver(metrics: FeedMetrics, now: () => number = Date.now): HubObserver {
  const openedAt = new Map<string, number>();
  return {
    observation: () => metrics.quoteObserved(),
    state(symbol: string, state: FeedState) {
      if (state === "loading") {
        openedAt.set(symbol, now());
        return;
      }
      if (state !== "live") {
        metrics.feedTrouble(state);
        if (state !== "reconnecting") openedAt.delete(symbol);
        return;
      }
      const started = openedAt.get(symbol);
      if (started === undefined) return;
      openedAt.delete(symbol);
      metrics.pageOpened((now() - started) / 1000);
    },
    released: (symbol: string) => void openedAt.delete(symbol),
  };
}
