/**
 * The floor: what fanning one price out costs with nothing in the way. A bare node:http server
 * that holds every StreamPrice and Watch response open (chunked) and, once per clock tick, encodes
 * each symbol's quote once per wire format and writes those same bytes to every held response.
 * Not product code: the benchmark runs it beside the real server to print fan-out figures as ratios.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { fromBinary, fromJsonString, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { StreamPriceRequestSchema, WatchRequestSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { CLOCK_TICK_MS, clockPrice, clockTick } from "@crypto-stream/backend/sim";
import { startClockTicks } from "./clock-ticks.js";
import { endStream, quote, streamPriceQuote, watchQuote, watchStarted, type WireFormat } from "./envelopes.js";

const SERVICE = "/cryptostream.v1.PriceService/";
/** DECIMALS of every floor price: the client decodes a clock price whatever its scale. */
const DECIMALS = 2;

interface Held {
  readonly res: ServerResponse;
  readonly format: WireFormat;
  readonly kind: "price" | "watch";
  readonly symbols: readonly string[];
}

/** FloorServer is a running floor; its owner must close() it. */
export interface FloorServer {
  readonly server: Server;
  /** held counts the responses held open now. */
  held(): number;
  /** close ends every held stream and stops ticking. */
  close(): Promise<void>;
}

/**
 * startFloor listens on `port` (0 for any) on loopback. With `ticking` false it sends each stream
 * only the current quote on open and nothing after, for measuring memory per idle connection.
 */
export async function startFloor(port: number, ticking: boolean): Promise<FloorServer> {
  const streams = new Set<Held>();
  const server = createServer((req, res) => void accept(req, res, streams));
  const stopTicks = ticking ? startClockTicks((tick) => broadcast(streams, tick)) : undefined;
  // The same listen backlog as the real server (backend/src/main.ts), so both queue a burst of opens alike.
  await new Promise<void>((resolve) => server.listen({ port, host: "127.0.0.1", backlog: 4_096 }, resolve));
  return {
    server,
    held: () => streams.size,
    async close() {
      stopTicks?.();
      for (const held of streams) held.res.end(endStream());
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * broadcast encodes each (kind, format, symbol list) once for `tick`, all its quotes in one buffer,
 * and writes the same bytes to every stream with that key.
 */
function broadcast(streams: ReadonlySet<Held>, tick: number): void {
  const cache = new Map<string, Buffer>();
  for (const held of streams) {
    // A client that has not drained its last write is conflated: it gets the next tick instead.
    if (held.res.writableNeedDrain) continue;
    const key = `${held.kind}:${held.format}:${held.symbols.join(",")}`;
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = Buffer.concat(held.symbols.map((symbol) => quoteFrame(held, symbol, tick)));
      cache.set(key, bytes);
    }
    held.res.write(bytes);
  }
}

function quoteFrame(held: Held, symbol: string, tick: number): Buffer {
  const value = quote(symbol, clockPrice(tick, DECIMALS), tick * CLOCK_TICK_MS);
  return held.kind === "price" ? streamPriceQuote(value, held.format) : watchQuote(value, held.format);
}

async function accept(req: IncomingMessage, res: ServerResponse, streams: Set<Held>): Promise<void> {
  const format = formatOf(req.headers["content-type"]);
  const method = req.url?.startsWith(SERVICE) ? req.url.slice(SERVICE.length) : "";
  if (req.method !== "POST" || format === undefined || (method !== "StreamPrice" && method !== "Watch")) {
    res.writeHead(404).end();
    return;
  }
  const body = await readBody(req);
  const payload = body.subarray(5);
  const symbols =
    method === "StreamPrice"
      ? [decode(StreamPriceRequestSchema, payload, format).symbol]
      : decode(WatchRequestSchema, payload, format).symbols;
  const held: Held = { res, format, kind: method === "StreamPrice" ? "price" : "watch", symbols };
  res.writeHead(200, { "content-type": `application/connect+${format}` });
  if (held.kind === "watch") res.write(watchStarted(`floor-${streams.size}`, symbols, format));
  const tick = clockTick(Date.now());
  res.write(Buffer.concat(symbols.map((symbol) => quoteFrame(held, symbol, tick))));
  streams.add(held);
  res.once("close", () => streams.delete(held));
}

function formatOf(contentType: string | undefined): WireFormat | undefined {
  if (contentType === "application/connect+json") return "json";
  if (contentType === "application/connect+proto") return "proto";
  return undefined;
}

function decode<Desc extends DescMessage>(schema: Desc, payload: Buffer, format: WireFormat): MessageShape<Desc> {
  return format === "json" ? fromJsonString(schema, payload.toString("utf8")) : fromBinary(schema, payload);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
