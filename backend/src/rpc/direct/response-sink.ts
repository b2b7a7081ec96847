/**
 * What a direct stream writes its answer to, on either HTTP version: node:http's ServerResponse
 * (HTTP/1.1) or node:http2's raw ServerHttp2Stream (HTTP/2, no compatibility objects). The
 * protocols (wire-protocols.ts) and the stream's life (direct-stream.ts) are written once against
 * this; only head, end and trailers differ between the versions. A sink is a thin wrapper holding
 * a reference or two: at rest it adds a few dozen bytes to a stream.
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { ServerHttp2Stream } from "node:http2";
import type { Socket } from "node:net";
import type { Writable } from "node:stream";
import type { FrameSink } from "../engine/write-batch.js";

/**
 * ResponseEnd says, when the head goes out, how the response will end: the head alone ends it
 * (gRPC's trailers-only answer), the body ends it, or trailers follow the body (gRPC).
 */
export type ResponseEnd = "head" | "body" | "trailers";

/** ResponseSink is one response: a head, frames, an end. Frames go through FrameSink's write/drain. */
export interface ResponseSink extends FrameSink {
  /** headersSent is true once `respond` ran. */
  readonly headersSent: boolean;
  /** gone is true once the client left or the response was destroyed: nothing more reaches it. */
  readonly gone: boolean;
  /** respond sends status 200 with `head`; `end` says what ends the response (see ResponseEnd). */
  respond(head: OutgoingHttpHeaders, end: ResponseEnd): void;
  /**
   * finish writes `last` (if any) and ends the response; `trailers` are required when the head
   * said "trailers", and ignored otherwise.
   */
  finish(last: Uint8Array | undefined, trailers?: OutgoingHttpHeaders): void;
  /** onClose hears that the response closed (ended, or the client went away; it closes once); offClose undoes it. */
  onClose(listener: () => void): void;
  offClose(listener: () => void): void;
}

/** WritableSink is what both versions share: frames, drain and close go to the response as a Writable. */
abstract class WritableSink {
  constructor(private readonly out: Writable) {}

  write(chunk: Uint8Array): boolean {
    return this.out.write(chunk);
  }
  on(event: "drain", listener: () => void): void {
    this.out.on(event, listener);
  }
  off(event: "drain", listener: () => void): void {
    this.out.off(event, listener);
  }
  onClose(listener: () => void): void {
    // on, not once: 'close' comes once anyway, and once's wrapper would cost every open stream.
    this.out.on("close", listener);
  }
  offClose(listener: () => void): void {
    this.out.off("close", listener);
  }
}

/** Http1Sink writes to a node:http response; `socket` tells when the client is gone before the head. */
export class Http1Sink extends WritableSink implements ResponseSink {
  constructor(
    private readonly res: ServerResponse,
    private readonly socket: Socket,
  ) {
    super(res);
  }

  get headersSent(): boolean {
    return this.res.headersSent;
  }
  get gone(): boolean {
    return this.res.destroyed || this.socket.destroyed;
  }
  respond(head: OutgoingHttpHeaders, end: ResponseEnd): void {
    this.res.writeHead(200, head);
    if (end === "head") this.res.end();
  }
  finish(last: Uint8Array | undefined, trailers?: OutgoingHttpHeaders): void {
    if (trailers) this.res.addTrailers(trailers);
    this.res.end(last);
  }
}

/**
 * Http2Sink writes to one raw HTTP/2 stream. Trailers are sent on 'wantTrailers', which
 * node:http2 emits after the last DATA frame when the head asked for it (`waitForTrailers`).
 * Ending or resetting this stream leaves the other streams of its connection alone.
 */
export class Http2Sink extends WritableSink implements ResponseSink {
  constructor(private readonly stream: ServerHttp2Stream) {
    super(stream);
  }

  get headersSent(): boolean {
    return this.stream.headersSent;
  }
  get gone(): boolean {
    return this.stream.destroyed || this.stream.closed;
  }
  respond(head: OutgoingHttpHeaders, end: ResponseEnd): void {
    this.stream.respond({ ...head, ":status": 200 }, { endStream: end === "head", waitForTrailers: end === "trailers" });
  }
  finish(last: Uint8Array | undefined, trailers?: OutgoingHttpHeaders): void {
    const stream = this.stream;
    if (trailers) stream.once("wantTrailers", () => stream.sendTrailers(trailers));
    if (last) stream.end(last);
    else stream.end();
  }
}
