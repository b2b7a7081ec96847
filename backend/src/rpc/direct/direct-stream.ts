/**
 * One stream served directly on node:http, once its head is out: what it holds at rest is this
 * record, its response, its session (subscriber, push stream, stall entry, slot) and, when the
 * client set a deadline, one timer. It ends once, whichever comes first: the session's body ends
 * (OK or with a refusal), the client goes away, the deadline passes, or shutdown ends every open
 * stream through the registry (direct-handler.ts).
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { Code, ConnectError } from "@connectrpc/connect";
import type { FrameEncoder } from "../engine/frame-cache.js";
import type { OpenSession } from "../engine/stream-session.js";
import type { WireProtocol } from "./wire-protocols.js";

/** deadlineExceeded is the error Connect's own deadline signal ends a call with. */
export const deadlineExceeded = () => new ConnectError("the operation timed out", Code.DeadlineExceeded);

/** DirectStreamParts are what a direct stream writes with; it owns the session and releases it once. */
export interface DirectStreamParts {
  res: ServerResponse;
  session: OpenSession<unknown>;
  protocol: WireProtocol;
  /** head holds the response headers, already sent by the time the stream exists. */
  head: OutgoingHttpHeaders;
  encoder: FrameEncoder;
  /** ended hears once that the stream ended, to drop it from the registry. */
  ended(stream: DirectStream): void;
}

/** DirectStream pushes a session's events until one of its ends comes; see the file header. */
export class DirectStream {
  private timer: NodeJS.Timeout | undefined;
  private done = false;
  private readonly onClose = () => this.finish(undefined, true, true);

  /** The head must be written before; `deadline` (ms since the epoch) ends the stream DEADLINE_EXCEEDED. */
  constructor(
    private readonly parts: DirectStreamParts,
    deadline: number | undefined,
  ) {
    parts.res.once("close", this.onClose);
    if (deadline !== undefined) this.timer = setTimeout(() => this.finish(deadlineExceeded(), true), Math.max(0, deadline - Date.now()));
    void parts.session.run(parts.res, parts.encoder).then((error) => this.finish(error));
  }

  /**
   * finish releases what the stream holds and, unless the client is `gone`, writes the end of
   * stream: OK when `error` is undefined. `aborted` says it was cut (shutdown, deadline, client
   * gone) rather than ended by itself, for the log. Idempotent.
   */
  finish(error: ConnectError | undefined, aborted = false, gone = false): void {
    if (this.done) return;
    this.done = true;
    const { res, session, protocol, head, encoder } = this.parts;
    clearTimeout(this.timer);
    res.off("close", this.onClose);
    // Releasing ends the push stream first, which writes its queued frames before the end below.
    session.release(aborted);
    this.parts.ended(this);
    if (!gone && !res.destroyed) protocol.end(res, head, encoder.envelope, error);
  }
}
