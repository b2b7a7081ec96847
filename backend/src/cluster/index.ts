/**
 * The cluster: several Crypto Stream instances sharing one page per symbol through Redis, as a
 * decorator over the local PriceSource. Used only when REDIS_URL is set.
 */
export { createClusterSource, type ClusterSource, type ClusterSourceOptions, type ClusterStatus } from "./cluster-source.js";
export { RedisUnavailableError, redactUrl } from "./errors.js";
export { clusterReport, OWNERS_TIMEOUT_MS, REDIS_DOWN_REASON, type ClusterProbe, type ClusterReport } from "./status-report.js";
