/**
 * The client processes' gRPC streams: StreamPrice over HTTP/2 with prior knowledge (h2c), the wire
 * every stock gRPC client speaks (`application/grpc+proto`, length-prefixed binary messages), on a
 * fixed number of HTTP/2 connections that the streams share round-robin. Bare node:http2 rather
 * than grpc-js: thousands of streams through a full client stack in one process would cost more
 * CPU per quote than the server spends fanning it out, and the client would be what is measured.
 */
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from "node:http2";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { StreamPriceRequestSchema, StreamPriceResponseSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { ReceivedQuote } from "../lib/client.js";
import type { RawHandle } from "./raw-group.js";

const PATH = "/cryptostream.v1.PriceService/StreamPrice";

/** GrpcGroup owns its connections and every stream opened on them; whoever creates it must close() it. */
export class GrpcGroup {
  readonly #sessions: ClientHttp2Session[] = [];
  readonly #streams: ClientHttp2Stream[] = [];
  readonly #failures: Error[] = [];
  #closing = false;

  /**
   * @param baseUrl the server, `http://host:port` (h2c).
   * @param connections how many HTTP/2 connections the streams are spread over.
   */
  constructor(private readonly baseUrl: string, private readonly connections: number) {
    if (!Number.isInteger(connections) || connections < 1) throw new RangeError(`connections must be a positive integer, got ${connections}`);
  }

  /** size is the number of streams opened so far. */
  get size(): number {
    return this.#streams.length;
  }

  /** failures lists the streams that ended on their own with an error. */
  failures(): readonly Error[] {
    return this.#failures;
  }

  /** close cancels every stream (RST_STREAM CANCEL), closes the connections and returns the failure count. Idempotent. */
  close(): number {
    this.#closing = true;
    for (const stream of this.#streams) if (!stream.destroyed) stream.close(constants.NGHTTP2_CANCEL);
    for (const session of this.#sessions) session.destroy();
    this.#sessions.length = 0;
    return this.#failures.length;
  }

  /** watch is not offered: the HTTP/2 scenarios measure StreamPrice only. */
  watch(): RawHandle {
    throw new Error("the gRPC client of the benchmark opens StreamPrice only");
  }

  /** streamPrice opens `StreamPrice(symbol)` on the next connection in turn. */
  streamPrice(symbol: string, onQuote: (quote: ReceivedQuote) => void): RawHandle {
    let settle: { resolve: (at: number) => void; reject: (error: Error) => void } | undefined;
    const firstQuote = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
    firstQuote.catch(() => undefined);
    const fail = (error: Error) => {
      settle?.reject(error);
      settle = undefined;
      if (!this.#closing) this.#failures.push(error);
    };
    const stream = this.#session().request(
      { ":method": "POST", ":path": PATH, "content-type": "application/grpc+proto", te: "trailers" },
      { endStream: false },
    );
    this.#streams.push(stream);
    let pending: Buffer = Buffer.alloc(0);
    let status: string | undefined;
    const statusOf = (headers: Record<string, unknown>) => {
      const code = headers["grpc-status"];
      // grpc-message is percent-encoded on the wire (gRPC over HTTP/2 spec).
      if (typeof code === "string") status = `${code} ${decodeMessage(headers["grpc-message"])}`.trim();
    };
    stream.on("response", (headers) => statusOf(headers));
    stream.on("trailers", (headers: IncomingHttpHeaders) => statusOf(headers));
    stream.on("data", (chunk: Buffer) => {
      const receivedAtMs = Date.now();
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let at = 0;
      while (pending.length - at >= 5) {
        const length = pending.readUInt32BE(at + 1);
        if (pending.length - at - 5 < length) break;
        const message = fromBinary(StreamPriceResponseSchema, pending.subarray(at + 5, at + 5 + length));
        at += 5 + length;
        if (message.event.case !== "quote") continue;
        const q = message.event.value;
        settle?.resolve(receivedAtMs);
        settle = undefined;
        onQuote({ symbol: q.symbol, price: q.price, observedAtMs: q.observedAt ? timestampMs(q.observedAt) : Number.NaN, receivedAtMs });
      }
      pending = pending.subarray(at);
    });
    stream.on("error", (error: Error) => fail(error));
    stream.on("close", () => fail(new Error(`StreamPrice ended${status === undefined ? "" : ` with grpc-status ${status}`} before it was closed`)));
    const payload = toBinary(StreamPriceRequestSchema, create(StreamPriceRequestSchema, { symbol }));
    const frame = Buffer.allocUnsafe(5 + payload.byteLength);
    frame.writeUInt8(0, 0);
    frame.writeUInt32BE(payload.byteLength, 1);
    frame.set(payload, 5);
    stream.end(frame);
    return { firstQuote };
  }

  /** #session opens connections up to `connections`, then hands them out in turn. */
  #session(): ClientHttp2Session {
    const index = this.#streams.length % this.connections;
    let session = this.#sessions[index];
    if (session === undefined || session.destroyed || session.closed) {
      session = connect(this.baseUrl, { settings: { enablePush: false }, peerMaxConcurrentStreams: 100_000 });
      // A connection error surfaces on its streams; the session's own event must not throw.
      session.on("error", () => undefined);
      this.#sessions[index] = session;
    }
    return session;
  }
}

/** decodeMessage reads a percent-encoded grpc-message header, or "" when there is none. */
function decodeMessage(value: unknown): string {
  if (typeof value !== "string") return "";
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
