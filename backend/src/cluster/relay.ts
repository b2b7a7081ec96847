/**
 * Relay turns what arrives from Redis for one symbol into calls on one hub sink, keeping the
 * sink's contract: a state only when it changes, a quote only when the price or the change beside
 * it changes (so the cache and the channel, or an old and a new owner, never deliver the same quote
 * twice), and nothing after a final state or close.
 *
 * @internal
 */
import { isFinal, sameQuote } from "../hub/events.js";
import type { FeedSink, FeedState, Observation } from "../hub/price-source.js";
import type { Snapshot } from "./snapshot.js";

/** TAKEOVER_DETAIL is shown when a symbol that was live is reopened, here or on another instance. */
export const TAKEOVER_DETAIL = "the page that read this symbol went away; reopening it";

export class Relay {
  #state: FeedState = "loading";
  /** #quote is the last quote passed on. */
  #quote: Observation | undefined;
  #wasLive = false;
  #heard = false;
  #wantsSnapshot = true;
  #closed = false;

  /** `onFinal` runs once after a final state was passed on: the feed is over. */
  constructor(
    private readonly sink: FeedSink,
    private readonly onFinal: () => void,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** wantsSnapshot is true until the cache has been read since the last (re)subscription. */
  get wantsSnapshot(): boolean {
    return this.#wantsSnapshot && !this.#closed;
  }

  /** resync: the channel was (re)subscribed; the cache is worth reading again. */
  resync(): void {
    this.#heard = false;
    this.#wantsSnapshot = true;
  }

  /**
   * snapshot applies the cache, read after subscribing. Once the channel has spoken it is ignored:
   * the channel is newer, and anything the cache held that is newer still comes on the channel.
   */
  snapshot(snapshot: Snapshot | undefined): void {
    this.#wantsSnapshot = false;
    if (!this.#heard && snapshot) this.#apply(snapshot);
  }

  /** message applies a snapshot the owner published. */
  message(snapshot: Snapshot): void {
    this.#heard = true;
    this.#apply(snapshot);
  }

  /** trouble reports that this instance cannot hear the cluster (Redis is unreachable). */
  trouble(detail: string): void {
    this.#setState("reconnecting", detail);
  }

  /** close: the sink is not called again. Idempotent. */
  close(): void {
    this.#closed = true;
  }

  #apply(snapshot: Snapshot): void {
    // A feed that was live and starts loading again is, to its subscribers, reconnecting.
    const reopened = snapshot.state === "loading" && this.#wasLive;
    this.#setState(reopened ? "reconnecting" : snapshot.state, reopened ? snapshot.detail || TAKEOVER_DETAIL : snapshot.detail);
    const { price, observedAt, change, changePercent } = snapshot;
    if (this.#closed || price === undefined || observedAt === undefined) return;
    const quote: Observation = {
      price,
      observedAt,
      ...(change === undefined ? {} : { change }),
      ...(changePercent === undefined ? {} : { changePercent }),
    };
    if (this.#quote !== undefined && sameQuote(quote, this.#quote)) return;
    this.#quote = quote;
    this.sink.observation(quote);
  }

  #setState(state: FeedState, detail: string): void {
    if (this.#closed || state === this.#state) return;
    this.#state = state;
    if (state === "live") this.#wasLive = true;
    this.sink.state(state, detail || undefined);
    if (!isFinal(state)) return;
    this.#closed = true;
    this.onFinal();
  }
}
