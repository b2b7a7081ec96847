/**
 * One open server stream (see stream-session.ts, which opens it): what it holds for its whole life
 * and how it lets go of it, once. A class rather than closures over the spec, because every open
 * stream holds one: at rest it is a record of references (about 110 bytes), with no copy of its
 * request, spec or first message.
 */
import type { ConnectError } from "@connectrpc/connect";
import type { HubEvent } from "../../hub/events.js";
import type { Subscriber } from "../../hub/hub.js";
import type { FrameEncoder } from "./frame-cache.js";
import type { Logger } from "../../log.js";
import type { BodyEnded, PushParts, PushShared } from "./push-parts.js";
import { PushStream } from "./push-stream.js";
import type { StreamWrites } from "./stall-guard.js";
import type { ClientStreamLimits } from "./stream-limits.js";
import type { FrameSink } from "./write-batch.js";

/** SessionShared are the process's parts a session uses after opening (StreamSessionsOptions has them). */
export interface SessionShared extends PushShared {
  limits: Pick<ClientStreamLimits, "free">;
  logger: Logger;
}

/** OpenSession is a stream whose resources are held and whose first message is made, not yet sent. */
export interface OpenSession<T> {
  /** takeHead returns the first message, once (the session lets go of it): send it before calling `run`. */
  takeHead(): T;
  /**
   * run pushes events to `sink` until the body ends, then tells `ended` (a microtask later) with
   * the error to end with, or undefined for OK. Called once; after `release`, it only tells `ended`.
   */
  run(sink: FrameSink, encoder: FrameEncoder, ended: BodyEnded): void;
  /** release frees everything the stream holds, once; `aborted` says the stream was cut (for the log). */
  release(aborted: boolean): void;
}

/**
 * Session is one open stream: a class, not closures over the spec, because every open stream holds
 * one for its whole life. Once its body runs it holds neither its first message nor the events it
 * opened with.
 */
export class Session<T> implements OpenSession<T>, PushParts {
  private head: T | undefined;
  private pending: HubEvent[] | undefined;
  private body: PushStream | undefined;
  private released = false;

  constructor(
    readonly shared: SessionShared,
    private readonly client: string,
    readonly subscriber: Subscriber,
    readonly writes: StreamWrites,
    private readonly label: Record<string, unknown>,
    readonly refuse: ((event: HubEvent) => ConnectError | undefined) | undefined,
    private readonly onRelease: (() => void) | undefined,
  ) {}

  /** opened keeps the first message and the events that came with it, until they are sent. */
  opened(head: T, pending: HubEvent[]): void {
    this.head = head;
    this.pending = pending;
  }

  takeHead(): T {
    const head = this.head as T;
    this.head = undefined;
    return head;
  }

  run(sink: FrameSink, encoder: FrameEncoder, ended: BodyEnded): void {
    if (this.released) {
      queueMicrotask(() => ended.bodyEnded(undefined));
      return;
    }
    const body = (this.body = new PushStream(this, sink, encoder, ended));
    const pending = this.pending ?? [];
    // Handed over, not kept: an idle stream should not hold the events it opened with.
    this.pending = undefined;
    body.start(pending);
  }

  release(aborted: boolean): void {
    if (this.released) return;
    this.released = true;
    this.head = undefined;
    this.pending = undefined;
    this.body?.end();
    this.writes.done();
    this.onRelease?.();
    this.subscriber.close();
    this.shared.limits.free(this.client);
    this.shared.logger.info("stream.ended", { ...this.label, aborted });
  }
}
