/**
 * What the web layer says about the cluster: readiness fields that never touch Redis (they read
 * the instance's own view), and the cluster-wide ownership report, which reads Redis and so is
 * bounded in time. No Express here: server/ turns these into responses.
 */
import type { SymbolRef } from "../symbols/symbol.js";
import type { ClusterSource, ClusterStatus } from "./cluster-source.js";
import { symbolKeys } from "./keys.js";

/** ClusterProbe is what the web layer needs of a ClusterSource. */
export type ClusterProbe = Pick<ClusterSource, "status" | "owners">;

/** REDIS_DOWN_REASON is what /readyz says while this instance cannot reach Redis. */
export const REDIS_DOWN_REASON =
  "cannot reach Redis (REDIS_URL): this instance serves no prices until Redis answers again, and rejoins by itself; check that Redis is running and reachable from this host";

/** OWNERS_TIMEOUT_MS bounds the status endpoint's read of the cluster's owners. */
const OWNERS_TIMEOUT_MS = 2_000;

/** ClusterReport is the body of the status endpoint, with its HTTP status. */
export type ClusterReport =
  | {
      readonly ok: true;
      readonly body: {
        /** instance is this instance's own view (what /readyz shows under `cluster`). */
        readonly instance: ClusterStatus;
        /** owners maps each symbol with a page open anywhere in the cluster to its owner's instance id. */
        readonly owners: Record<string, string>;
      };
    }
  | {
      readonly ok: false;
      readonly body: { readonly error: "redis_unavailable"; readonly message: string; readonly instance: ClusterStatus };
      /** cause is why the read failed, for the log only. */
      readonly cause: unknown;
    };

/**
 * clusterReport reads the owners from Redis, giving up after `timeoutMs`. Never rejects: a Redis
 * that is down or slow makes an `ok: false` report.
 */
export async function clusterReport(cluster: ClusterProbe, timeoutMs = OWNERS_TIMEOUT_MS): Promise<ClusterReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const reading = cluster.owners();
  reading.catch(() => {}); // after a timeout nobody waits for it any more
  try {
    const owners = await Promise.race([reading, timeout]);
    return { ok: true, body: { instance: cluster.status(), owners: sortedByKey(owners) } };
  } catch (cause) {
    const message = `cannot read the cluster's owners from Redis (down, or no answer within ${timeoutMs} ms); this instance's own view is under "instance"`;
    return { ok: false, body: { error: "redis_unavailable", message, instance: cluster.status() }, cause };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * cachedClusterReport reads the cluster's owners at most once per `ttlMs`: every caller within
 * that time shares the one report (or the one read under way). GetStatus is open to many readers
 * and polled, and each read is a SCAN over every lease in Redis.
 */
export function cachedClusterReport(cluster: ClusterProbe, ttlMs = OWNERS_CACHE_MS): () => Promise<ClusterReport> {
  let last: { readonly at: number; readonly report: Promise<ClusterReport> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= ttlMs) last = { at: now, report: clusterReport(cluster) };
    return last.report;
  };
}

/** OWNERS_CACHE_MS is how long GetStatus reuses a read of the cluster's owners. */
const OWNERS_CACHE_MS = 1_000;

/** ownerOf finds `ref`'s owner in a ClusterReport's `owners`; "" when no instance reads it. */
export function ownerOf(owners: Readonly<Record<string, string>>, ref: SymbolRef): string {
  return owners[symbolKeys(ref).name] ?? "";
}

function sortedByKey(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
