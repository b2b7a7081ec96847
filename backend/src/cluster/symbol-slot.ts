/**
 * SymbolSlot is one instance's part in one symbol: the local hub's feed (a Relay fed by the
 * symbol's channel), this instance's interest, and the lease with its page when this instance
 * owns it. Every step that talks to Redis runs through one queue per slot, so steps never
 * interleave; each step looks at the state as it is when it runs and is safe to repeat.
 *
 * @internal
 */
import { randomUUID } from "node:crypto";
import type { Feed, FeedSink, PriceSource } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import type { SymbolRef } from "../symbols/symbol.js";
import { symbolKeys, type SymbolKeys } from "./keys.js";
import { Ownership } from "./ownership.js";
import type { RedisLink } from "./redis-link.js";
import { Relay } from "./relay.js";
import type { RetireMode, Scripts } from "./scripts.js";
import { decodeMessage, decodeSnapshot, INTEREST_NOTICE } from "./snapshot.js";

/** REDIS_DOWN_DETAIL is what subscribers see while this instance cannot reach Redis. */
const REDIS_DOWN_DETAIL = "Redis is unreachable: this server lost the price cluster and rejoins when Redis is back";
const HANDOFF_DETAIL = "the server reading this symbol is shutting down; another one takes over";

export interface SlotDeps {
  readonly link: RedisLink;
  readonly scripts: Scripts;
  readonly local: PriceSource;
  readonly instanceId: string;
  /** member is this process's entry in interest sets: unique even if two share an instance id. */
  readonly member: string;
  readonly leaseTtlMs: number;
  readonly interestTtlMs: number;
  readonly logger: Logger;
  /** removed: the slot holds nothing and has no step left to run; forget it (it has unsubscribed). */
  readonly removed: (slot: SymbolSlot) => void;
}

export class SymbolSlot {
  readonly keys: SymbolKeys;
  #relay: Relay | undefined;
  #owner: Ownership | undefined;
  #subscribed = false;
  #queue: Promise<void> = Promise.resolve();
  #maintainQueued = false;
  /** #holdOffUntil delays taking the lease after a reconnect, so a surviving owner reclaims first. */
  #holdOffUntil = 0;

  constructor(
    readonly ref: SymbolRef,
    private readonly deps: SlotDeps,
  ) {
    this.keys = symbolKeys(ref);
  }

  get owned(): boolean {
    return this.#owner !== undefined;
  }

  get watched(): boolean {
    return this.#relay !== undefined;
  }

  /** attach gives the slot its local sink (the hub calls watch at most once at a time). */
  attach(sink: FeedSink): Feed {
    const relay: Relay = new Relay(sink, () => void this.#detach(relay));
    this.#relay = relay;
    if (!this.deps.link.up()) relay.trouble(REDIS_DOWN_DETAIL);
    this.maintain();
    let closing: Promise<void> | undefined;
    return { close: () => (closing ??= this.#detach(relay)) };
  }

  /** maintain queues one round of upkeep (join, renew, take over, retire) unless one is queued. */
  maintain(): void {
    if (this.#maintainQueued) return;
    this.#maintainQueued = true;
    void this.#run(async () => {
      this.#maintainQueued = false;
      await this.#upkeep();
    });
  }

  /** message handles a message on the symbol's channel. */
  message(raw: string): void {
    const message = decodeMessage(raw);
    if (message?.kind === "snapshot") this.#relay?.message(message.snapshot);
    else if (message?.kind === "interest" && this.#owner) this.maintain();
  }

  /**
   * rejoin runs when Redis is back. If Redis restarted empty, every lease is gone; an owner that
   * kept its page reclaims its lease on renewing, so the others wait one lease TTL first rather
   * than open a second page for nothing.
   */
  rejoin(): void {
    if (!this.#owner) this.#holdOffUntil = Date.now() + this.deps.leaseTtlMs;
    this.maintain();
  }

  /** redisDown: the subscription is gone with the connection; tell the subscribers why. */
  redisDown(): void {
    this.#subscribed = false;
    this.#relay?.trouble(REDIS_DOWN_DETAIL);
  }

  /** shutdown leaves, hands the lease over and closes the page (a planned stop). */
  shutdown(): Promise<void> {
    this.#relay?.close();
    this.#relay = undefined;
    return this.#run(async () => {
      const owner = this.#owner;
      if (owner && this.deps.link.up()) {
        owner.pause();
        await this.deps.scripts.leave(this.keys, this.deps.member, INTEREST_NOTICE);
        await owner.publishState("reconnecting", HANDOFF_DETAIL);
        await this.#retire("handoff");
      } else await this.#leave();
      await this.#drop("shutting down");
    });
  }

  /** abandon stops everything without a word to Redis, as a crashed process would. */
  abandon(): void {
    this.#relay?.close();
    this.#relay = undefined;
    const owner = this.#owner;
    this.#owner = undefined;
    void owner?.stop();
  }

  /** #run queues a step; after the last queued step, an idle slot removes itself. */
  #run(step: () => Promise<void>): Promise<void> {
    const next: Promise<void> = this.#queue
      .then(step)
      .catch((error: unknown) => this.deps.logger.debug("cluster.step_failed", { symbol: this.keys.name, error }))
      .then(() => {
        if (this.#queue === next) this.#removeIfIdle();
      });
    this.#queue = next;
    return next;
  }

  #detach(relay: Relay): Promise<void> {
    relay.close();
    if (this.#relay !== relay) return this.#queue;
    this.#relay = undefined;
    return this.#run(() => this.#leave());
  }

  async #upkeep(): Promise<void> {
    const { link, scripts, member, interestTtlMs } = this.deps;
    // Past the deadline another instance may hold the lease already: stop reading at once.
    if (this.#owner?.expired()) await this.#drop("the lease expired before it could be renewed (Redis unreachable or slow)");
    if (!link.up()) return;
    if ((this.#relay || this.#owner) && !this.#subscribed) {
      await link.subscriber.subscribe(this.keys.channel);
      this.#subscribed = true;
      this.#relay?.resync();
    }
    if (this.#relay) await scripts.join(this.keys, member, interestTtlMs);
    if (this.#relay?.wantsSnapshot) {
      this.#relay.snapshot(decodeSnapshot(await link.commands.hgetall(this.keys.snapshot)));
    }
    if (this.#owner) await this.#renew();
    else if (this.#relay && Date.now() >= this.#holdOffUntil) await this.#tryAcquire();
  }

  async #leave(): Promise<void> {
    if (this.deps.link.up()) await this.deps.scripts.leave(this.keys, this.deps.member, INTEREST_NOTICE);
    if (this.#owner && this.deps.link.up()) await this.#renew();
  }

  async #renew(): Promise<void> {
    const owner = this.#owner;
    if (!owner) return;
    const { status, interested } = await owner.renew();
    if (status === 0) await this.#drop("another instance holds the lease");
    else if (status === 2) this.deps.logger.info("cluster.lease_reclaimed", { symbol: this.keys.name });
    else if (interested === 0) await this.#retire("if-idle");
  }

  async #tryAcquire(): Promise<void> {
    const { scripts, instanceId, leaseTtlMs, interestTtlMs, local, logger } = this.deps;
    const token = `${instanceId}|${randomUUID()}`;
    const got = await scripts.acquire(this.keys, token, leaseTtlMs);
    if (got === 0) return;
    const owner: Ownership = new Ownership(
      {
        ref: this.ref,
        keys: this.keys,
        scripts,
        local,
        instanceId,
        leaseTtlMs,
        cacheTtlMs: leaseTtlMs + interestTtlMs,
        logger,
        lost: () => void this.#run(() => this.#drop("another instance holds the lease", owner)),
        ended: () => void this.#run(() => this.#retire("final", owner)),
        missing: () => this.maintain(),
      },
      token,
      got === 2,
    );
    this.#owner = owner;
    logger.info("cluster.lease_acquired", { symbol: this.keys.name, instance: instanceId, takeover: got === 2 });
    owner.start();
  }

  /** #retire gives the lease up unless, in 'if-idle' mode, someone is still interested. */
  async #retire(mode: RetireMode, owner = this.#owner): Promise<void> {
    if (!owner || owner !== this.#owner) return;
    owner.pause();
    const released = await this.deps.scripts.retire(this.keys, owner.token, mode).catch((error: unknown) => {
      owner.resume();
      throw error;
    });
    if (released === 0) return owner.resume();
    this.#owner = undefined;
    await owner.stop();
    const event = released === 1 ? "cluster.lease_released" : "cluster.lease_lost";
    this.deps.logger.info(event, { symbol: this.keys.name, reason: mode === "if-idle" ? "no instance is interested" : mode });
  }

  async #drop(reason: string, owner = this.#owner): Promise<void> {
    if (!owner || owner !== this.#owner) return;
    this.#owner = undefined;
    await owner.stop();
    this.deps.logger.info("cluster.lease_lost", { symbol: this.keys.name, reason });
  }

  #removeIfIdle(): void {
    if (this.#relay || this.#owner) return;
    if (this.#subscribed) void this.deps.link.subscriber.unsubscribe(this.keys.channel).catch(() => {});
    this.#subscribed = false;
    this.deps.removed(this);
  }
}
