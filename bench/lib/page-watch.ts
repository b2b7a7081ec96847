/**
 * Watches how many pages the scraper keeps for one symbol while a scenario runs, from two sides:
 * the look-alike's own counters (live connections and page loads) and the server's `/readyz`.
 */
import type { BenchServer } from "./server.js";
import type { SimControl } from "./sim-control.js";

/** PageCounts is what a PageWatch saw; every field is null when no sample succeeded. */
export interface PageCounts {
  readonly samples: number;
  readonly failedSamples: number;
  /** connections: the look-alike's live connections for the ticker, i.e. pages showing it. */
  readonly minConnections: number | null;
  readonly maxConnections: number | null;
  /** pageLoads: symbol-page responses served since the ticker was reset (a reload adds one). */
  readonly maxPageLoads: number | null;
  /** maxOpenFeeds: the server's own count of symbols with an open page. */
  readonly maxOpenFeeds: number | null;
}

/** PageWatch samples until stop(); the caller must stop it. */
export interface PageWatch {
  stop(): Promise<PageCounts>;
}

/** watchPages samples every `intervalMs`, one sample at a time so a busy server is not piled on. */
export function watchPages(server: BenchServer, control: SimControl, ticker: string, intervalMs = 500): PageWatch {
  let stopped = false;
  let wake: (() => void) | undefined;
  const connections: number[] = [];
  const pageLoads: number[] = [];
  const openFeeds: number[] = [];
  let failed = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const [state, ready] = await Promise.all([control.state(ticker), server.readyz()]);
        connections.push(state.openConnections);
        pageLoads.push(state.pageViews);
        openFeeds.push(ready.openFeeds);
      } catch {
        failed += 1;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
    }
  })();
  const min = (xs: number[]) => (xs.length > 0 ? Math.min(...xs) : null);
  const max = (xs: number[]) => (xs.length > 0 ? Math.max(...xs) : null);
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      return {
        samples: connections.length,
        failedSamples: failed,
        minConnections: min(connections),
        maxConnections: max(connections),
        maxPageLoads: max(pageLoads),
        maxOpenFeeds: max(openFeeds),
      };
    },
  };
}
