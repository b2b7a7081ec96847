/**
 * LeaseKeeper is one slot's side of the lease: taking it when free, renewing it, giving it up when
 * nobody is interested or the symbol ended, handing it over on a planned stop, and dropping the
 * page when the lease is lost. It holds the Ownership (the page and its publishing) while the
 * lease is this instance's. Every method is a step the slot runs through its queue.
 *
 * @internal
 */
import { randomUUID } from "node:crypto";
import type { SymbolRef } from "../symbols/symbol.js";
import type { SymbolKeys } from "./keys.js";
import { Ownership } from "./ownership.js";
import type { RetireMode } from "./scripts.js";
import type { SlotDeps } from "./slot-deps.js";
import { INTEREST_NOTICE } from "./snapshot.js";

const HANDOFF_DETAIL = "the server reading this symbol is shutting down; another one takes over";

/** LeaseSteps is how the keeper asks its slot for more work: a queued step, or a round of upkeep. */
export interface LeaseSteps {
  readonly run: (step: () => Promise<void>) => Promise<void>;
  readonly maintain: () => void;
}

/** LeaseKeeper holds at most one Ownership of the slot's symbol. */
export class LeaseKeeper {
  #owner: Ownership | undefined;
  /** #holdOffUntil delays taking the lease after a reconnect, so a surviving owner reclaims first. */
  #holdOffUntil = 0;

  constructor(
    private readonly ref: SymbolRef,
    private readonly keys: SymbolKeys,
    private readonly deps: SlotDeps,
    private readonly steps: LeaseSteps,
  ) {}

  /** owned is true while this instance holds the lease and its page. */
  get owned(): boolean {
    return this.#owner !== undefined;
  }

  /** rejoin: Redis is back. A non-owner waits one lease TTL so a surviving owner reclaims first. */
  rejoin(): void {
    if (!this.#owner) this.#holdOffUntil = Date.now() + this.deps.leaseTtlMs;
  }

  /** dropIfExpired stops reading at once when the lease has surely lapsed: another may hold it. */
  async dropIfExpired(): Promise<void> {
    if (this.#owner?.expired()) await this.#drop("the lease expired before it could be renewed (Redis unreachable or slow)");
  }

  /** keep renews a held lease, or tries to take a free one once any hold-off has passed. */
  async keep(): Promise<void> {
    if (this.#owner) await this.renew();
    else if (Date.now() >= this.#holdOffUntil) await this.#tryAcquire();
  }

  /** renew extends a held lease; lost → drop, reclaimed → log, nobody interested → retire. */
  async renew(): Promise<void> {
    const owner = this.#owner;
    if (!owner) return;
    const { status, interested } = await owner.renew();
    if (status === 0) await this.#drop("another instance holds the lease");
    else if (status === 2) this.deps.logger.info("cluster.lease_reclaimed", { symbol: this.keys.name });
    else if (interested === 0) await this.#retire("if-idle");
  }

  /**
   * handOver is a planned stop while Redis is up: leave the interest set, tell the cluster the page
   * is going, and give the lease up keeping the cache, so another instance takes over at once.
   * Without a lease it only leaves.
   */
  async handOver(): Promise<void> {
    const owner = this.#owner;
    const { scripts, member } = this.deps;
    owner?.pause();
    await scripts.leave(this.keys, member, INTEREST_NOTICE);
    if (!owner) return;
    await owner.publishState("reconnecting", HANDOFF_DETAIL);
    await this.#retire("handoff");
  }

  /** stop closes the page without a word to Redis (lease lost, or a planned stop without Redis). */
  stop(reason: string): Promise<void> {
    return this.#drop(reason);
  }

  /** abandon stops at once and tells Redis nothing, as a crashed process would. */
  abandon(): void {
    const owner = this.#owner;
    this.#owner = undefined;
    void owner?.stop();
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
        lost: () => void this.steps.run(() => this.#drop("another instance holds the lease", owner)),
        ended: () => void this.steps.run(() => this.#retire("final", owner)),
        missing: () => this.steps.maintain(),
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
}
