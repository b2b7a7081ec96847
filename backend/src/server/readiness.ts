/**
 * Readiness, the one rule that `/readyz` and gRPC health (`grpc.health.v1.Health`) both report: this
 * instance is ready when it is not shutting down, its browser runs, and, in a cluster, Redis is up.
 * It reads this instance's own view only, so a probe is answered at once, Redis or not.
 */
import { REDIS_DOWN_REASON, type ClusterStatus } from "../cluster/index.js";
import type { AppOptions } from "./app-options.js";

/** What readiness reads: all of it is the app's, none of it is closed here. */
export type ReadinessOptions = Pick<AppOptions, "source" | "cluster" | "shutdown">;

/** Readiness is one reading: whether the instance is ready, why not, and what it read. */
export interface Readiness {
  readonly ready: boolean;
  /** reasons say, in words an operator can act on, why the instance is not ready; empty when it is. */
  readonly reasons: readonly string[];
  /** browser is the local browser's `ready()`. */
  readonly browser: boolean;
  /** cluster is the instance's cluster view; undefined when it runs alone. */
  readonly cluster: ClusterStatus | undefined;
}

/** readReadiness reads readiness now. Synchronous and cheap: probes may call it often. */
export function readReadiness(options: ReadinessOptions): Readiness {
  const browser = options.source.ready();
  const cluster = options.cluster?.status();
  const reasons = [
    options.shutdown.aborted && "the server is shutting down",
    !browser && "the browser is not running (starting, or relaunching after a crash): see the scraper's log lines",
    cluster !== undefined && cluster.redis !== "up" && REDIS_DOWN_REASON,
  ].filter((reason) => reason !== false);
  return { ready: reasons.length === 0, reasons, browser, cluster };
}
