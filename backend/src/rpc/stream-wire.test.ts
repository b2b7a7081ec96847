/**
 * Push-driven streams over real HTTP with real connect-es clients: every protocol and codec on
 * the direct path, compression, encode-once, conflation of a slow client beside a fast one, and
 * cleanup. The harness mounts what server/create-app.ts mounts: the direct path first, then Connect.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, createClient, type Client } from "@connectrpc/connect";
import { compressionBrotli, compressionGzip, createConnectTransport } from "@connectrpc/connect-node";
import { expressConnectMiddleware } from "@connectrpc/connect-express";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import express from "express";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createHub, type Hub } from "../hub/hub.js";
import { configDefaults } from "../config-defaults.js";
import { silentLogger } from "../log.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { wireTransports, type WireTransport } from "@crypto-stream/test-support/wire-transports";
import { clientContext } from "./connect/client-context.js";
import { createCallRules } from "./call-rules.js";
import { createDirectHandler, type DirectHandler } from "./direct/direct-handler.js";
import { createFrameCache, type FrameCache } from "./engine/frame-cache.js";
import { COMPRESS_MIN_BYTES, READ_MAX_BYTES } from "./engine/wire-settings.js";
import { createHeartbeatSchedule } from "./engine/heartbeat-schedule.js";
import { createPriceStreams } from "./services/price-service.js";
import { StallGuard } from "./engine/stall-guard.js";
import { ClientStreamLimits } from "./engine/stream-limits.js";

interface Harness {
  baseUrl: string;
  hub: Hub;
  source: FakeSource;
  frames: FrameCache;
  shutdown: AbortController;
  server: Server;
  direct: DirectHandler;
  /** What an open stream holds a place in, each counted, to see that an ended stream left them all. */
  held: () => { slots: number; subscribers: number; stalls: number; heartbeats: number; direct: number };
}

let harness: Harness | undefined;
const streams = new StreamSignals();

async function start(heartbeatIntervalMs = 60_000): Promise<Harness> {
  const source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  const hub = createHub({
    source,
    maxSymbols: 10,
    logger: silentLogger,
    history: { maxPoints: configDefaults.historyMaxPoints, windowMs: configDefaults.historyWindowMs },
  });
  const frames = createFrameCache();
  const shutdown = new AbortController();
  const limits = new ClientStreamLimits(1_000);
  const stalls = new StallGuard(30_000, silentLogger);
  const heartbeats = createHeartbeatSchedule(heartbeatIntervalMs);
  const prices = createPriceStreams({
    hub,
    logger: silentLogger,
    frames,
    limits,
    stalls,
    heartbeats,
    defaultExchange: "BINANCE",
    heartbeatIntervalMs,
    maxSymbolsPerWatch: 10,
    maxAlertsPerWatch: 10,
    maxSymbolsPerClient: 1_000,
    pageOpensPerMinutePerClient: 100_000,
    pageOpensPerMinute: 100_000,
    maxStreamsPerClient: 1_000,
    stallTimeoutMs: 30_000,
  });
  const app = express();
  app.use(
    expressConnectMiddleware({
      routes: prices.routes,
      contextValues: clientContext(false),
      shutdownSignal: shutdown.signal,
      compressMinBytes: COMPRESS_MIN_BYTES,
    }),
  );
  const direct = createDirectHandler({
    methods: prices.methods,
    sessions: prices.sessions,
    logger: silentLogger,
    shutdown: shutdown.signal,
    rules: createCallRules({ token: undefined, open: [], activity: { streamRefused: () => undefined, unauthenticated: () => undefined } }),
    compressions: [compressionGzip, compressionBrotli],
    readMaxBytes: READ_MAX_BYTES,
    trustedProxy: false,
  });
  const server = createServer((req, res) => {
    if (!direct.handle(req, res)) app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const held = () => ({
    slots: limits.openStreams(),
    subscribers: hub.stats().subscribers,
    stalls: stalls.size,
    heartbeats: heartbeats.size,
    direct: direct.open,
  });
  harness = { baseUrl: `http://127.0.0.1:${port}`, hub, source, frames, shutdown, server, direct, held };
  return harness;
}

afterEach(async () => {
  streams.abortAll();
  if (!harness) return;
  const { hub, server, shutdown } = harness;
  shutdown.abort();
  await vi.waitFor(() => expect(hub.stats().subscribers).toBe(0), { timeout: 10_000 });
  await hub.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  harness = undefined;
});

const transports: WireTransport[] = [
  ...wireTransports,
  ["Connect binary, gzip both ways", (baseUrl) => wireTransport("Connect binary")(baseUrl, { accept: [compressionGzip], send: compressionGzip })],
  ["gRPC binary, gzip both ways", (baseUrl) => wireTransport("gRPC binary")(baseUrl, { accept: [compressionGzip], send: compressionGzip })],
  ["gRPC-Web JSON, gzip both ways", (baseUrl) => wireTransport("gRPC-Web JSON")(baseUrl, { accept: [compressionGzip], send: compressionGzip })],
];

/** wireTransport is the shared transport named `name`. */
function wireTransport(name: string): WireTransport[1] {
  return wireTransports.find(([n]) => n === name)![1];
}

/** prices collects the quoted prices `stream` yields until it has `count` of them. */
async function prices(stream: AsyncIterable<{ event: { case?: string; value?: unknown } }>, count: number): Promise<string[]> {
  const seen: string[] = [];
  for await (const message of stream) {
    if (message.event.case === "quote") seen.push((message.event.value as { price: string }).price);
    if (seen.length >= count) break;
  }
  return seen;
}

describe("push-driven streams over every protocol", () => {
  it.each(transports)(
    "when a %s client streams and watches, then it gets every quote, big ones too, and UNAVAILABLE on shutdown",
    async (_name, transport) => {
      const { baseUrl, source, hub, shutdown, direct } = await start();
      const client: Client<typeof PriceService> = createClient(PriceService, transport(baseUrl));
      const big = `1.${"5".repeat(COMPRESS_MIN_BYTES * 2)}`;
      const streamed = prices(client.streamPrice({ symbol: "BTCUSD" }, { signal: streams.next() }), 3);
      const watched = prices(client.watch({ symbols: ["BTCUSD"] }, { signal: streams.next() }), 3);
      await vi.waitFor(() => expect(hub.stats().subscribers).toBe(2));
      // Both went the direct way: Connect's pipeline never saw them.
      await vi.waitFor(() => expect(direct.open).toBe(2));
      for (const price of ["1.25", big, "1.75"]) source.open("BTCUSD")!.emit(price);
      expect(await streamed).toEqual(["1.25", big, "1.75"]);
      expect(await watched).toEqual(["1.25", big, "1.75"]);

      const open = client.streamPrice({ symbol: "ETHUSD" })[Symbol.asyncIterator]();
      await open.next();
      shutdown.abort(new ConnectError("the server is shutting down", Code.Unavailable));
      const error = await open.next().then(() => open.next()).catch((e: unknown) => ConnectError.from(e));
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as ConnectError).code).toBe(Code.Unavailable);
      expect((error as ConnectError).rawMessage).toContain("shutting down");
      await vi.waitFor(() => expect(direct.open).toBe(0));
    },
  );
});

describe("the direct path lets go", () => {
  const nothing = { slots: 0, subscribers: 0, stalls: 0, heartbeats: 0, direct: 0 };

  it.each(wireTransports)(
    "when a %s client aborts an open stream, then its slot, subscriber, stall entry, heartbeat entry and registry entry are released",
    async (_name, transport) => {
      const { baseUrl, held } = await start();
      const client = createClient(PriceService, transport(baseUrl));
      const abort = new AbortController();
      const stream = client.watch({ symbols: ["BTCUSD", "ETHUSD"] }, { signal: abort.signal })[Symbol.asyncIterator]();
      await stream.next();
      await vi.waitFor(() => expect(held()).toEqual({ slots: 1, subscribers: 1, stalls: 1, heartbeats: 1, direct: 1 }));
      abort.abort();
      await vi.waitFor(() => expect(held()).toEqual(nothing));
    },
  );

  it("when a client gives a deadline, then the stream ends DEADLINE_EXCEEDED and holds nothing after", async () => {
    const { baseUrl, held } = await start();
    const client = createClient(PriceService, wireTransport("Connect binary")(baseUrl));
    const error = await prices(client.streamPrice({ symbol: "BTCUSD" }, { timeoutMs: 300 }), 1_000).catch((e: unknown) => ConnectError.from(e));
    expect((error as ConnectError).code).toBe(Code.DeadlineExceeded);
    await vi.waitFor(() => expect(held()).toEqual(nothing));
  });
});

describe("encode once, push to all", () => {
  it("when 100 clients stream one symbol, then each quote is serialized once and every client gets every quote once", async () => {
    const { baseUrl, source, hub, frames } = await start();
    const client = createClient(PriceService, createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: true }));
    const reads = Array.from({ length: 100 }, () => prices(client.streamPrice({ symbol: "SOLUSD" }, { signal: streams.next() }), 5));
    await vi.waitFor(() => expect(hub.stats().subscribers).toBe(100), { timeout: 10_000 });
    const before = frames.serializations;
    const sent = ["1", "2", "3", "4", "5"].map((p) => `${p}.01`);
    for (const price of sent) source.open("SOLUSD")!.emit(price);
    for (const seen of await Promise.all(reads)) expect(seen).toEqual(sent);
    expect(frames.serializations - before).toBe(sent.length);
  });

  it("when a stream is idle, then heartbeats arrive, one serialization per round for all streams", async () => {
    const { baseUrl, hub, frames } = await start(40);
    const client = createClient(PriceService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
    const beats = Array.from({ length: 20 }, async () => {
      for await (const message of client.watch({ symbols: ["XRPUSD"] }, { signal: streams.next() })) {
        if (message.event.case === "heartbeat") return message.event.value.sentAt;
      }
      return undefined;
    });
    await vi.waitFor(() => expect(hub.stats().subscribers).toBe(20));
    const sentAt = await Promise.all(beats);
    expect(sentAt.every((at) => at !== undefined)).toBe(true);
    expect(frames.serializations).toBeLessThan(20);
  });

  it("when one client stops reading, then it is conflated to the newest quote while a fast one gets every change once", async () => {
    const { baseUrl, source, hub } = await start();
    const transport = createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: true, acceptCompression: [] });
    const client = createClient(PriceService, transport);
    const slow = client.streamPrice({ symbol: "ADAUSD" }, { signal: streams.next() })[Symbol.asyncIterator]();
    const fast = client.streamPrice({ symbol: "ADAUSD" }, { signal: streams.next() })[Symbol.asyncIterator]();
    await Promise.all([slow.next(), fast.next()]);
    await vi.waitFor(() => expect(hub.stats().subscribers).toBe(2));
    // More than the socket buffers of a client that reads nothing hold, so the server sees it block.
    const sent = Array.from({ length: 200 }, (_, i) => `${i}.${"7".repeat(64_000)}`);
    const fastSeen: string[] = [];
    for (const price of sent) {
      source.open("ADAUSD")!.emit(price);
      for (let next = await fast.next(); !next.done; next = await fast.next()) {
        if (next.value.event.case !== "quote") continue;
        fastSeen.push(next.value.event.value.price);
        break;
      }
    }
    expect(fastSeen).toEqual(sent);

    const slowSeen: string[] = [];
    for (let next = await slow.next(); !next.done; next = await slow.next()) {
      if (next.value.event.case === "quote") slowSeen.push(next.value.event.value.price);
      if (slowSeen.at(-1) === sent.at(-1)) break;
    }
    expect(slowSeen.length).toBeLessThan(sent.length);
    expect(new Set(slowSeen).size).toBe(slowSeen.length);
    expect(slowSeen.at(-1)).toBe(sent.at(-1));
  });
});
