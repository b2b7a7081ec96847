/**
 * SymbolSlot is one instance's part in one symbol: the local hub's feed (a Relay fed by the
 * symbol's channel), this instance's interest, and the lease with its page when this instance
 * owns it (a LeaseKeeper). Every step that talks to Redis runs through one StepQueue per slot, so
 * steps never interleave; each step looks at the state as it is when it runs and is safe to repeat.
 *
 * @internal
 */
import type { Feed, FeedSink } from "../hub/price-source.js";
import type { SymbolRef } from "../symbols/symbol.js";
import { symbolKeys, type SymbolKeys } from "./keys.js";
import { LeaseKeeper } from "./lease-keeper.js";
import { Relay } from "./relay.js";
import type { SlotDeps } from "./slot-deps.js";
import { decodeMessage, decodeSnapshot, INTEREST_NOTICE } from "./snapshot.js";
import { StepQueue } from "./step-queue.js";

/** REDIS_DOWN_DETAIL is what subscribers see while this instance cannot reach Redis. */
const REDIS_DOWN_DETAIL = "Redis is unreachable: this server lost the price cluster and rejoins when Redis is back";

/** SymbolSlot joins the relay side and the lease side of one symbol; the cluster source keeps one per symbol. */
export class SymbolSlot {
  readonly keys: SymbolKeys;
  readonly #lease: LeaseKeeper;
  readonly #queue: StepQueue;
  #relay: Relay | undefined;
  #subscribed = false;
  #maintainQueued = false;

  constructor(
    readonly ref: SymbolRef,
    private readonly deps: SlotDeps,
    /** removed: this slot holds nothing and has no step left to run; forget it (it has unsubscribed). */
    private readonly removed: () => void,
  ) {
    this.keys = symbolKeys(ref);
    this.#queue = new StepQueue({
      failed: (error) => deps.logger.debug("cluster.step_failed", { symbol: this.keys.name, error }),
      idle: () => this.#removeIfIdle(),
    });
    this.#lease = new LeaseKeeper(ref, this.keys, deps, { run: (step) => this.#queue.run(step), maintain: () => this.maintain() });
  }

  /** owned is true while this instance holds the symbol's lease and page. */
  get owned(): boolean {
    return this.#lease.owned;
  }

  /** watched is true while the local hub holds the symbol. */
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
    void this.#queue.run(async () => {
      this.#maintainQueued = false;
      await this.#upkeep();
    });
  }

  /** message handles a message on the symbol's channel. */
  message(raw: string): void {
    const message = decodeMessage(raw);
    if (message?.kind === "snapshot") this.#relay?.message(message.snapshot);
    else if (message?.kind === "interest" && this.#lease.owned) this.maintain();
  }

  /**
   * rejoin runs when Redis is back. If Redis restarted empty, every lease is gone; an owner that
   * kept its page reclaims its lease on renewing, so the others wait one lease TTL first rather
   * than open a second page for nothing.
   */
  rejoin(): void {
    this.#lease.rejoin();
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
    return this.#queue.run(async () => {
      if (this.deps.link.up()) await this.#lease.handOver();
      await this.#lease.stop("shutting down");
    });
  }

  /** abandon stops everything without a word to Redis, as a crashed process would. */
  abandon(): void {
    this.#relay?.close();
    this.#relay = undefined;
    this.#lease.abandon();
  }

  #detach(relay: Relay): Promise<void> {
    relay.close();
    if (this.#relay !== relay) return this.#queue.settled;
    this.#relay = undefined;
    return this.#queue.run(() => this.#leave());
  }

  async #upkeep(): Promise<void> {
    const { link, scripts, member, interestTtlMs } = this.deps;
    await this.#lease.dropIfExpired();
    if (!link.up()) return;
    if ((this.#relay || this.#lease.owned) && !this.#subscribed) {
      await link.subscriber.subscribe(this.keys.channel);
      this.#subscribed = true;
      this.#relay?.resync();
    }
    if (this.#relay) await scripts.join(this.keys, member, interestTtlMs);
    if (this.#relay?.wantsSnapshot) {
      this.#relay.snapshot(decodeSnapshot(await link.commands.hgetall(this.keys.snapshot)));
    }
    if (this.#lease.owned || this.#relay) await this.#lease.keep();
  }

  async #leave(): Promise<void> {
    if (!this.deps.link.up()) return;
    await this.deps.scripts.leave(this.keys, this.deps.member, INTEREST_NOTICE);
    await this.#lease.renew();
  }

  #removeIfIdle(): void {
    if (this.#relay || this.#lease.owned) return;
    if (this.#subscribed) void this.deps.link.subscriber.unsubscribe(this.keys.channel).catch(() => {});
    this.#subscribed = false;
    this.removed();
  }
}
