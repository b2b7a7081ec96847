/**
 * What the server says about itself over HTTP: its readiness counters and, in demo mode, the
 * look-alike's view of one ticker. Tests use them to see the server open and close pages.
 */

/** Readiness is the body of `GET /readyz` (backend/src/server/operator-endpoints.ts), 200 and 503 alike. */
export interface Readiness {
  readonly status: "ready" | "not ready";
  /** reason says why it is not ready, in words for an operator; absent when ready. */
  readonly reason?: string;
  /** browser is the server's own Chromium, the price source. */
  readonly browser: "up" | "down";
  /** redis is there only when the server runs in a cluster (REDIS_URL set). */
  readonly redis?: "up" | "down";
  readonly shuttingDown: boolean;
  /** symbols the hub holds; openFeeds are those with a TradingView page open. */
  readonly symbols: number;
  readonly openFeeds: number;
  readonly subscribers: number;
  /** watches are the open Watch streams. */
  readonly watches: number;
  /** cluster is this instance's view of its cluster, only when it runs in one. */
  readonly cluster?: ReadinessCluster;
}

/** ReadinessCluster is the `cluster` of {@link Readiness}: the backend's ClusterStatus, as counts. */
export interface ReadinessCluster {
  readonly instanceId: string;
  readonly redis: "up" | "down";
  /** ownedSymbols counts the symbols whose page this instance has open. */
  readonly ownedSymbols: number;
  /** watchedSymbols counts the symbols this instance's hub holds. */
  readonly watchedSymbols: number;
}

/** SimTicker is the body of the look-alike's `GET /sim/_control/{TICKER}`. */
export interface SimTicker {
  readonly known: boolean;
  readonly price: string | null;
  readonly pageViews: number;
  /** openConnections are the live sockets of that ticker's open pages: 0 once they closed. */
  readonly openConnections: number;
}

/** readiness reads `/readyz` (200 or 503 alike: both carry the counters). */
export async function readiness(baseUrl: string): Promise<Readiness> {
  const res = await fetch(`${baseUrl}/readyz`);
  return (await res.json()) as Readiness;
}

/** simTicker reads the look-alike's state of `ticker`. */
export async function simTicker(baseUrl: string, ticker: string): Promise<SimTicker> {
  const res = await fetch(`${baseUrl}/sim/_control/${encodeURIComponent(ticker)}`);
  if (!res.ok) throw new Error(`GET /sim/_control/${ticker} answered ${res.status}`);
  return (await res.json()) as SimTicker;
}
