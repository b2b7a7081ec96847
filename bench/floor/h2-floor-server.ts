/**
 * The HTTP/2 floor: a bare node:http2 server (h2c, prior knowledge) speaking gRPC framing, so a
 * stock gRPC client reads it as it reads the real server. It holds every StreamPrice stream open
 * and, once per clock tick, encodes the symbol's StreamPriceResponse once and writes those same
 * bytes to every held stream, as the HTTP/1.1 floor does. Not product code: the benchmark runs it
 * beside the real server to print HTTP/2 fan-out figures as ratios.
 */
import { constants, createServer, type Http2Server, type ServerHttp2Stream, type IncomingHttpHeaders } from "node:http2";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { StreamPriceRequestSchema, StreamPriceResponseSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { CLOCK_TICK_MS, clockPrice, clockTick } from "@crypto-stream/backend/sim";
import { startClockTicks } from "./clock-ticks.js";
import { quote } from "./envelopes.js";

const PATH = "/cryptostream.v1.PriceService/StreamPrice";
/** DECIMALS of every floor price: the client decodes a clock price whatever its scale. */
const DECIMALS = 2;
/** MAX_REQUEST_BYTES bounds a request body; a StreamPrice request is a ticker of a few bytes. */
const MAX_REQUEST_BYTES = 1_024;

interface Held {
  readonly stream: ServerHttp2Stream;
  readonly symbol: string;
}

/** H2FloorServer is a running HTTP/2 floor; its owner must close() it. */
export interface H2FloorServer {
  readonly server: Http2Server;
  /** held counts the streams held open now. */
  held(): number;
  /** close ends every held stream with grpc-status 0 and stops ticking. */
  close(): Promise<void>;
}

/** grpcFrame frames `payload` as one gRPC length-prefixed message (uncompressed). */
function grpcFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + payload.byteLength);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(payload.byteLength, 1);
  frame.set(payload, 5);
  return frame;
}

function quoteFrame(symbol: string, tick: number): Buffer {
  const value = quote(symbol, clockPrice(tick, DECIMALS), tick * CLOCK_TICK_MS);
  return grpcFrame(toBinary(StreamPriceResponseSchema, create(StreamPriceResponseSchema, { event: { case: "quote", value } })));
}

/**
 * startH2Floor listens on `port` (0 for any) on loopback. With `ticking` false it sends each
 * stream only the current quote on open and nothing after, for memory per idle stream.
 */
export async function startH2Floor(port: number, ticking: boolean): Promise<H2FloorServer> {
  const streams = new Set<Held>();
  // As many concurrent streams per connection as the benchmark opens (the default is 100 on some peers).
  const server = createServer({ settings: { maxConcurrentStreams: 100_000 } });
  server.on("stream", (stream, headers) => void accept(stream, headers, streams));
  // A client that goes away mid-frame must not end the floor.
  server.on("sessionError", () => undefined);
  const stopTicks = ticking ? startClockTicks((tick) => broadcast(streams, tick)) : undefined;
  await new Promise<void>((resolve) => server.listen({ port, host: "127.0.0.1", backlog: 4_096 }, resolve));
  return {
    server,
    held: () => streams.size,
    async close() {
      stopTicks?.();
      for (const held of streams) if (!held.stream.destroyed) held.stream.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** broadcast encodes each symbol's quote once for `tick` and writes the same bytes to every stream of it. */
function broadcast(streams: ReadonlySet<Held>, tick: number): void {
  const cache = new Map<string, Buffer>();
  for (const held of streams) {
    // A stream that has not drained its last write is conflated: it gets the next tick instead.
    if (held.stream.writableNeedDrain || held.stream.destroyed) continue;
    let bytes = cache.get(held.symbol);
    if (!bytes) {
      bytes = quoteFrame(held.symbol, tick);
      cache.set(held.symbol, bytes);
    }
    held.stream.write(bytes);
  }
}

async function accept(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, streams: Set<Held>): Promise<void> {
  stream.on("error", () => undefined);
  const contentType = String(headers[constants.HTTP2_HEADER_CONTENT_TYPE] ?? "");
  if (headers[constants.HTTP2_HEADER_PATH] !== PATH || !/^application\/grpc(\+proto)?$/.test(contentType)) {
    stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12", "grpc-message": "the floor serves StreamPrice only" }, { endStream: true });
    return;
  }
  const body = await readBody(stream);
  if (body === undefined || body.length < 5 || body.readUInt8(0) !== 0) {
    stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "3", "grpc-message": "one uncompressed StreamPriceRequest expected" }, { endStream: true });
    return;
  }
  const { symbol } = fromBinary(StreamPriceRequestSchema, body.subarray(5, 5 + body.readUInt32BE(1)));
  const held: Held = { stream, symbol };
  // waitForTrailers: close() ends each stream with grpc-status 0, as a gRPC server does.
  stream.respond({ ":status": 200, "content-type": "application/grpc+proto" }, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
  stream.write(quoteFrame(symbol, clockTick(Date.now())));
  streams.add(held);
  stream.once("close", () => streams.delete(held));
}

/** readBody reads the request, or resolves undefined once it passes MAX_REQUEST_BYTES. */
async function readBody(stream: ServerHttp2Stream): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
