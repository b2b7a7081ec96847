/**
 * The body of one server stream after its first message: hub events are written to the HTTP
 * response as they arrive, as shared pre-encoded frames, the frames of one event-loop turn (or of
 * one burst, see write-batch.ts) in one write. Per delivered message a stream queues a frame; it
 * stamps the time when it starts queueing, and creates no promise, timer or listener.
 *
 * Backpressure is conflation: when a write returns false the stream stops collecting, and its
 * subscriber's mailbox keeps only the newest value per symbol until the response drains. So a
 * slow client gets fewer, newer values and never delays the others; a client that keeps up gets
 * every change exactly once, in the hub's order.
 *
 * Encoding is bounded per turn (encode-budget.ts): when the turn's budget is spent and an event's
 * frame is not cached yet, the stream keeps the rest of what it took and goes on at a later turn,
 * and meanwhile leaves new events in the mailbox, as when the client is behind.
 */
import type { ConnectError } from "@connectrpc/connect";
import type { HubEvent } from "../../hub/events.js";
import type { FrameEncoder } from "./frame-cache.js";
import type { HeartbeatTarget } from "./heartbeat-schedule.js";
import type { HeartbeatItem } from "./stream-messages.js";
import type { BodyEnded, PushParts } from "./push-parts.js";
import { joinFrames, type Batched, type FrameSink } from "./write-batch.js";

/** PushStream writes one stream's events until `end`. Create it with the stream's head already sent. */
export class PushStream implements HeartbeatTarget, Batched {
  lastWriteAt = Date.now();
  /** lastFlushAt is when frames last went to the response; 0 before the first, which never lingers. */
  private lastFlushAt = 0;
  private behind = false;
  private ended = false;
  /** queued holds this turn's frames until the batch writes them (one frame, or several in order). */
  private queued: Uint8Array | Uint8Array[] | undefined;
  /** backlog holds events taken but not sent when the encode budget ran out; they go first on resume. */
  private backlog: readonly HubEvent[] | undefined;
  private readonly onEvent = (event: HubEvent | undefined): boolean => {
    if (this.behind || this.ended || this.backlog) return false;
    if (event) this.sendOne(event);
    else this.flush();
    return true;
  };
  private readonly onDrain = () => {
    this.behind = false;
    this.parts.writes.wrote();
    this.flush();
  };
  /** resume goes on with the backlog at a later turn (made only then: most streams never wait on the budget). */
  private resume(): void {
    const events = this.backlog;
    this.backlog = undefined;
    if (this.ended || !events) return;
    if (this.send(events)) this.flush();
  }

  /** Per stream it holds its parts, the sink and the encoder by reference: no options object, no promise. */
  constructor(
    private readonly parts: PushParts,
    private readonly sink: FrameSink,
    private readonly encoder: FrameEncoder,
    private readonly whenEnded: BodyEnded,
  ) {}

  /** start writes `first` (events taken before the head went out), then follows the subscriber. */
  start(first: readonly HubEvent[]): void {
    if (this.ended) return;
    this.sink.on("drain", this.onDrain);
    this.parts.shared.heartbeats.add(this);
    this.parts.subscriber.listen(this.onEvent);
    this.send(first);
    this.flush();
  }

  /** beat writes a heartbeat unless the client is behind (then the stall guard watches it). */
  beat(item: HeartbeatItem): void {
    if (this.behind || this.ended) return;
    this.write(this.encoder.frame(item));
  }

  /** end stops writing and tells its BodyEnded, a microtask later, with `error`. Idempotent; it closes nothing it was given. */
  end(error?: ConnectError): void {
    if (this.ended) return;
    // Frames queued this turn go out before Connect writes the end of stream.
    this.writeQueued(Date.now());
    this.ended = true;
    this.backlog = undefined;
    this.parts.subscriber.listen(undefined);
    this.parts.shared.heartbeats.delete(this);
    this.sink.off("drain", this.onDrain);
    // Later, not now: the end may come from inside the hub's fan-out (a refusal), which must not
    // see its subscriber released and its feed closed under it.
    const whenEnded = this.whenEnded;
    queueMicrotask(() => whenEnded.bodyEnded(error));
  }

  private flush(): void {
    if (this.behind || this.ended || this.backlog) return;
    if (this.parts.subscriber.closed) {
      this.end();
      return;
    }
    this.send(this.parts.subscriber.takePending());
  }

  /** send writes `events` in order; false when it stopped: the stream ended, or the rest waits for the budget. */
  private send(events: readonly HubEvent[]): boolean {
    const { budget } = this.parts.shared;
    const encoder = this.encoder;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (budget.exhausted && !encoder.has(event)) {
        this.backlog = events.slice(i);
        budget.next(() => this.resume());
        return false;
      }
      if (!this.sendOne(event)) return false;
    }
    return true;
  }

  /** sendOne writes `event`, or ends the stream when `refuse` says so (then false). */
  private sendOne(event: HubEvent): boolean {
    const error = this.parts.refuse?.(event);
    if (error) {
      this.end(error);
      return false;
    }
    this.write(this.encoder.frame(event));
    if (event.kind === "quote") this.parts.shared.quoteSent?.(event.observedAt);
    return true;
  }

  /** writeQueued writes this turn's frames as one buffer at `now`; when the client is behind, stop taking. */
  writeQueued(now: number): void {
    const frames = this.queued;
    if (frames === undefined || this.ended) return;
    this.queued = undefined;
    this.lastFlushAt = now;
    if (this.sink.write(joinFrames(frames))) return;
    this.behind = true;
    this.parts.writes.writing();
  }

  private write(frame: Uint8Array): void {
    const queued = this.queued;
    if (queued === undefined) {
      const now = Date.now();
      const { batch } = this.parts.shared;
      // A stream that wrote moments ago is in a burst: it lingers so the rest of the burst joins this write.
      const linger = now - this.lastFlushAt < batch.lingerMs;
      // The frames queued together go out together, so the first one dates them all.
      this.lastWriteAt = now;
      this.queued = frame;
      batch.schedule(this, linger);
    } else if (Array.isArray(queued)) queued.push(frame);
    else this.queued = [queued, frame];
  }
}
