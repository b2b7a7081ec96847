/**
 * The cluster's gauges: read from the instance's own view (`ClusterSource.status()`) when
 * Prometheus scrapes, so a scrape never waits on Redis and nothing is pushed in between. Present
 * only when REDIS_URL is set. Every series carries `instance_id` (INSTANCE_ID): Prometheus keeps
 * `instance` for the scrape target, and the two need not agree.
 */
import { Gauge, type Registry } from "prom-client";
import type { ClusterStatus } from "../cluster/index.js";

/**
 * registerClusterMetrics adds the cluster gauges to `registry`. `symbol_owned` has one series
 * per symbol this instance owns, for any instance's clients: its cardinality is bounded by the
 * cluster's symbols (every instance's MAX_SYMBOLS together), not this instance's MAX_SYMBOLS.
 */
export function registerClusterMetrics(registry: Registry, status: () => ClusterStatus): void {
  const registers = [registry];
  const perInstance = (name: string, help: string, read: (s: ClusterStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["instance_id"],
      registers,
      collect() {
        const s = status();
        this.reset();
        this.set({ instance_id: s.instanceId }, read(s));
      },
    });
  perInstance("cryptostream_cluster_redis_up", "1 while this instance reaches Redis, 0 while it cannot.", (s) => (s.redis === "up" ? 1 : 0));
  perInstance("cryptostream_cluster_owned_symbols", "Symbols whose page this instance reads for the whole cluster (it holds their lease).", (s) => s.owned.length);
  perInstance("cryptostream_cluster_watched_symbols", "Symbols this instance's clients hold, whoever reads their page.", (s) => s.watched.length);
  new Gauge({
    name: "cryptostream_cluster_symbol_owned",
    help: "1 for each symbol (EXCHANGE:TICKER) whose page this instance reads for the cluster; absent otherwise.",
    labelNames: ["instance_id", "symbol"],
    registers,
    collect() {
      const s = status();
      this.reset();
      for (const symbol of s.owned) this.set({ instance_id: s.instanceId, symbol }, 1);
    },
  });
}
