/**
 * The cluster: several Crypto Stream instances sharing one page per symbol through Redis, as a
 * decorator over the local PriceSource. Used only when REDIS_URL is set.
 */
export { createClusterSource, type ClusterSource, type ClusterStatus } from "./cluster-source.js";
export { RedisUnavailableError } from "./errors.js";
export { cachedClusterReport, clusterReport, ownerOf, REDIS_DOWN_REASON, type ClusterProbe } from "./status-report.js";
