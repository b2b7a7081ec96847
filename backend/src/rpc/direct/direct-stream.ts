/**
 * One stream served directly, on HTTP/1.1 or HTTP/2, once its head is out: what it holds at rest
 * is this record, its response sink, its session (subscriber, push stream, stall entry, slot) and, when the
 * client set a deadline, one timer. It ends once, whichever comes first: the session's body ends
 * (OK or with a refusal), the client goes away (on HTTP/2: resets this stream, or drops the
 * connection), the deadline passes, or shutdown ends every open stream through the registry
 * (direct-handler.ts).
 */
import type { OutgoingHttpHeaders } from "node:http";
import { Code, ConnectError } from "@connectrpc/connect";
import type { FrameEncoder } from "../engine/frame-cache.js";
import type { BodyEnded } from "../engine/push-parts.js";
import type { OpenSession } from "../engine/open-session.js";
import type { ResponseSink } from "./response-sink.js";
import type { WireProtocol } from "./wire-protocols.js";

/** deadlineExceeded is the error Connect's own deadline signal ends a call with. */
export const deadlineExceeded = () => new ConnectError("the operation timed out", Code.DeadlineExceeded);

/** DirectStreamParts are what a direct stream writes with; it owns the session and releases it once. */
export interface DirectStreamParts {
  sink: ResponseSink;
  session: OpenSession<unknown>;
  protocol: WireProtocol;
  encoder: FrameEncoder;
  /** registry drops the stream once it ended (the direct path's set of open streams). */
  registry: { delete(stream: DirectStream): unknown };
}

/**
 * The head is out by the time a DirectStream exists, so its end never sends one: an empty,
 * shared head stands in for it, and the stream keeps no headers of its own.
 */
const SENT_HEAD: OutgoingHttpHeaders = Object.freeze({});

/**
 * DirectStream pushes a session's events until one of its ends comes; see the file header. It
 * copies its parts into fields (no parts object kept) and is its session's BodyEnded.
 */
export class DirectStream implements BodyEnded {
  private readonly sink: ResponseSink;
  private readonly session: OpenSession<unknown>;
  private readonly protocol: WireProtocol;
  private readonly encoder: FrameEncoder;
  private readonly registry: DirectStreamParts["registry"];
  private timer: NodeJS.Timeout | undefined;
  private done = false;
  private readonly onClose = () => this.finish(undefined, true, true);

  /** The head must be written before; `deadline` (ms since the epoch) ends the stream DEADLINE_EXCEEDED. */
  constructor(parts: DirectStreamParts, deadline: number | undefined) {
    ({ sink: this.sink, session: this.session, protocol: this.protocol, encoder: this.encoder, registry: this.registry } = parts);
    this.sink.onClose(this.onClose);
    if (deadline !== undefined) this.timer = setTimeout(() => this.finish(deadlineExceeded(), true), Math.max(0, deadline - Date.now()));
    this.session.run(this.sink, this.encoder, this);
  }

  /** bodyEnded is the session's body ending by itself: OK, or with a refusal. */
  bodyEnded(error: ConnectError | undefined): void {
    this.finish(error);
  }

  /**
   * finish releases what the stream holds and, unless the client is `gone`, writes the end of
   * stream: OK when `error` is undefined. `aborted` says it was cut (shutdown, deadline, client
   * gone) rather than ended by itself, for the log. Idempotent.
   */
  finish(error: ConnectError | undefined, aborted = false, gone = false): void {
    if (this.done) return;
    this.done = true;
    const { sink } = this;
    clearTimeout(this.timer);
    sink.offClose(this.onClose);
    // Releasing ends the push stream first, which writes its queued frames before the end below.
    this.session.release(aborted);
    this.registry.delete(this);
    if (!gone && !sink.gone) this.protocol.end(sink, SENT_HEAD, this.encoder.envelope, error);
  }
}
