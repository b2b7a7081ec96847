/**
 * The cluster source: a PriceSource that decorates the local one (the scraper) so that several
 * instances share one page per symbol through Redis. The hub above it is unchanged.
 *
 * - watch: this instance records its interest (renewed while held), relays the symbol's channel
 *   to the hub, starting from the cached quote when there is one, and tries to take the lease.
 * - The lease holder opens the page through `local` and publishes what it sees; the others retry
 *   the lease on every tick, so when the owner dies one of them takes over within about
 *   `leaseTtlMs` plus a tick.
 * - The owner keeps the page while any instance is interested; then it closes the page, gives
 *   the lease up and deletes the cached quote.
 */
import { randomUUID } from "node:crypto";
import type { Feed, FeedSink, PriceSource } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import type { SymbolRef } from "../symbols/symbol.js";
import { redisAddress } from "./errors.js";
import { LEASE_PATTERN, symbolKeys, symbolOfLease } from "./keys.js";
import { connectRedis } from "./redis-link.js";
import { createScripts } from "./scripts.js";
import type { SlotDeps } from "./slot-deps.js";
import { SymbolSlot } from "./symbol-slot.js";

export interface ClusterSourceOptions {
  /** redisUrl such as redis://127.0.0.1:6379; every instance of a cluster uses the same one. */
  redisUrl: string;
  /** instanceId names this instance in logs and status; need not be unique, should be. */
  instanceId: string;
  /** local opens pages on this instance. The caller owns it and closes it after the cluster. */
  local: PriceSource;
  /** leaseTtlMs is how long a dead owner keeps its symbols; renewed every third of it. */
  leaseTtlMs: number;
  /** interestTtlMs is how long a dead instance's interest keeps a page open elsewhere. */
  interestTtlMs: number;
  logger: Logger;
}

/** ClusterStatus is this instance's view, for status pages, metrics and logs. */
export interface ClusterStatus {
  instanceId: string;
  redis: "up" | "down";
  /** owned are the symbols (`EXCHANGE:TICKER`) whose page this instance has open, sorted. */
  owned: string[];
  /** watched are the symbols this instance's hub holds, sorted. */
  watched: string[];
}

/** ClusterSource is a PriceSource shared across instances. Whoever creates it must close it. */
export interface ClusterSource extends PriceSource {
  /** ready is false while Redis is unreachable (and while the local source is not ready). */
  ready(): boolean;
  status(): ClusterStatus;
  /** owners reads who owns what across the whole cluster: symbol → instance id. Rejects while Redis is unreachable. */
  owners(): Promise<Record<string, string>>;
  /**
   * close hands every lease over (others take over at their next tick), closes this instance's
   * pages and both Redis connections. It does not close `local`. Idempotent.
   */
  close(): Promise<void>;
  /** @internal For tests: stop at once, telling Redis nothing, as a crashed process would. */
  abandon(): void;
}

/**
 * createClusterSource connects to Redis and returns the source.
 * @throws RedisUnavailableError when Redis cannot be reached now.
 */
export async function createClusterSource(options: ClusterSourceOptions): Promise<ClusterSource> {
  const { instanceId, local, logger } = options;
  const link = await connectRedis({ url: options.redisUrl, name: `crypto-stream:${instanceId}`, logger });
  const slots = new Map<string, SymbolSlot>();
  const deps: SlotDeps = {
    link,
    scripts: createScripts(link.commands),
    local,
    instanceId,
    member: `${instanceId}|${randomUUID()}`,
    leaseTtlMs: options.leaseTtlMs,
    interestTtlMs: options.interestTtlMs,
    logger,
    removed: (slot) => {
      if (slots.get(slot.keys.channel) === slot) slots.delete(slot.keys.channel);
    },
  };
  link.subscriber.on("message", (channel: string, message: string) => slots.get(channel)?.message(message));
  link.onChange((up) => {
    if (up) logger.info("cluster.redis_reconnected", { symbols: slots.size });
    else logger.warn("cluster.redis_unreachable", { redis: redisAddress(options.redisUrl), symbols: slots.size });
    for (const slot of slots.values()) {
      if (up) slot.rejoin();
      else slot.redisDown();
    }
  });
  const tickMs = Math.max(50, Math.floor(Math.min(options.leaseTtlMs, options.interestTtlMs) / 3));
  const timer = setInterval(() => {
    for (const slot of slots.values()) slot.maintain();
  }, tickMs);
  timer.unref();
  logger.info("cluster.joined", { instance: instanceId, redis: redisAddress(options.redisUrl), leaseTtlMs: options.leaseTtlMs });

  let closing: Promise<void> | undefined;
  const sorted = (pick: (slot: SymbolSlot) => boolean) => [...slots.values()].filter(pick).map((s) => s.keys.name).sort();
  return {
    watch(ref: SymbolRef, sink: FeedSink): Feed {
      if (closing) {
        queueMicrotask(() => sink.state("failed", "the server is shutting down"));
        return { close: () => Promise.resolve() };
      }
      const { channel } = symbolKeys(ref);
      let slot = slots.get(channel);
      if (!slot) {
        slot = new SymbolSlot(ref, deps);
        slots.set(channel, slot);
      }
      return slot.attach(sink);
    },
    ready: () => !closing && link.up() && local.ready(),
    status: () => ({
      instanceId,
      redis: link.up() ? "up" : "down",
      owned: sorted((slot) => slot.owned),
      watched: sorted((slot) => slot.watched),
    }),
    owners: async () => {
      const owners: Record<string, string> = {};
      let cursor = "0";
      do {
        const [next, keys] = await link.commands.scan(cursor, "MATCH", LEASE_PATTERN, "COUNT", 200);
        cursor = next;
        const values = keys.length > 0 ? await link.commands.mget(keys) : [];
        keys.forEach((key, i) => {
          const symbol = symbolOfLease(key);
          const token = values[i];
          if (symbol && token) owners[symbol] = token.split("|")[0] ?? token;
        });
      } while (cursor !== "0");
      return owners;
    },
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        logger.info("cluster.leaving", { owned: sorted((slot) => slot.owned) });
        await Promise.all([...slots.values()].map((slot) => slot.shutdown()));
        await link.close();
        logger.info("cluster.left");
      })();
      return closing;
    },
    abandon() {
      closing ??= Promise.resolve();
      clearInterval(timer);
      link.drop();
      for (const slot of slots.values()) slot.abandon();
      slots.clear();
    },
  };
}
