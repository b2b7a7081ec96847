/**
 * Ownership is this instance holding one symbol's lease: it opens the page through the local
 * source and publishes what the page sees to the cluster, fenced by the lease token (a write
 * lands only while the lease is this token's, so a deposed owner can never talk over a new one).
 *
 * @internal
 */
import { isFinal } from "../hub/events.js";
import type { Feed, FeedState, Observation, PriceSource } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import type { SymbolRef } from "../symbols/symbol.js";
import type { SymbolKeys } from "./keys.js";
import type { OwnMode, OwnResult, Scripts } from "./scripts.js";
import { encodeSnapshot, snapshotFields, type Snapshot } from "./snapshot.js";

export interface OwnershipDeps {
  readonly ref: SymbolRef;
  readonly keys: SymbolKeys;
  readonly scripts: Scripts;
  readonly local: PriceSource;
  readonly instanceId: string;
  readonly leaseTtlMs: number;
  /** cacheTtlMs bounds how long the cached quote outlives an owner that died. */
  readonly cacheTtlMs: number;
  readonly logger: Logger;
  /** lost: a write found the lease held by another instance. */
  readonly lost: () => void;
  /** ended: the page reached a final state (not found, failed) and released itself. */
  readonly ended: () => void;
  /** missing: a write found no lease at all (Redis restarted); renewing takes it back. */
  readonly missing: () => void;
}

export class Ownership {
  #feed: Feed | undefined;
  #state: FeedState = "loading";
  #detail: string;
  #last: Observation | undefined;
  #paused = false;
  #stopped = false;
  /** #deadline is when the lease lapses in Redis if no renew lands before (local clock). */
  #deadline: number;

  constructor(
    private readonly deps: OwnershipDeps,
    readonly token: string,
    takeover: boolean,
  ) {
    this.#detail = takeover ? "the instance that read this symbol stopped; reopening its page here" : "";
    this.#deadline = Date.now() + deps.leaseTtlMs;
  }

  /** start announces `loading` and opens the page. */
  start(): void {
    void this.#publish("publish");
    this.#feed = this.deps.local.watch(this.deps.ref, {
      observation: (observation) => {
        if (this.#stopped) return;
        this.#last = observation;
        void this.#publish("publish");
      },
      state: (state, detail) => {
        if (this.#stopped) return;
        this.#state = state;
        this.#detail = detail ?? "";
        void this.#publish("publish");
        if (isFinal(state)) this.deps.ended();
      },
    });
  }

  /** renew extends the lease and cache, taking a vanished lease back. */
  async renew(): Promise<OwnResult> {
    return this.#publish("renew");
  }

  /** expired is true once the lease has surely lapsed in Redis without a renew from here. */
  expired(now = Date.now()): boolean {
    return now >= this.#deadline;
  }

  /** pause holds writes back while the lease is being given up; `resume` republishes. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    void this.#publish("publish");
  }

  /** stop writes nothing more and closes the page. Idempotent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const feed = this.#feed;
    this.#feed = undefined;
    await feed?.close();
  }

  /** publishState sends `state` to the cluster without the page having said so (a handoff). */
  publishState(state: FeedState, detail: string): Promise<OwnResult> {
    this.#state = state;
    this.#detail = detail;
    return this.#publish("publish", true);
  }

  #snapshot(): Snapshot {
    const base = { owner: this.deps.instanceId, state: this.#state, detail: this.#detail };
    if (!this.#last) return base;
    const { price, observedAt, change, changePercent } = this.#last;
    return { ...base, price, observedAt, change, changePercent };
  }

  #publish(mode: OwnMode, force = false): Promise<OwnResult> {
    if ((this.#stopped || this.#paused) && !force) return Promise.resolve({ status: 1, interested: 1 });
    const { scripts, keys, leaseTtlMs, cacheTtlMs } = this.deps;
    const sentAt = Date.now();
    const snapshot = this.#snapshot();
    const result = scripts.own(keys, this.token, { leaseMs: leaseTtlMs, cacheMs: cacheTtlMs }, mode, encodeSnapshot(snapshot), snapshotFields(snapshot));
    result.then(
      ({ status }) => {
        if (status === 1 || status === 2) this.#deadline = Math.max(this.#deadline, sentAt + leaseTtlMs);
        if (this.#stopped) return;
        if (status === 0) this.deps.lost();
        if (status === 3) this.deps.missing();
      },
      (error: unknown) => this.deps.logger.debug("cluster.publish_failed", { symbol: keys.name, error }),
    );
    return result;
  }
}
