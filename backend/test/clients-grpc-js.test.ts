/**
 * @grpc/grpc-js, the stock gRPC library for Node, against the real app on its real port (HTTP/2
 * with prior knowledge): StreamPrice, Watch and UpdateWatch, the codes a client must see
 * (INVALID_ARGUMENT, DEADLINE_EXCEEDED, UNAUTHENTICATED, UNAVAILABLE on shutdown), cancellation
 * releasing a symbol at once (before the next call on the connection is answered), and one
 * stream's end leaving the others on its connection be.
 */
import { PriceService, type WatchResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { createGrpcClient, grpcServerStream, grpcUnary, type GrpcStream } from "@crypto-stream/test-support/grpc-js-client";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";

const token = "a-very-secret-token-0123456789";
let server: TestServer | undefined;
let grpc: ReturnType<typeof createGrpcClient> | undefined;
let source: FakeSource;
const open: GrpcStream<unknown>[] = [];

async function start(options: Partial<Parameters<typeof startTestServer>[0]> = {}) {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, ...options });
  grpc = createGrpcClient(new URL(server.baseUrl).host);
  return { server, grpc };
}

afterEach(async () => {
  for (const stream of open.splice(0)) stream.cancel();
  grpc?.close();
  grpc = undefined;
  await server?.close();
  server = undefined;
});

function track<T>(stream: GrpcStream<T>): GrpcStream<T> {
  open.push(stream);
  return stream;
}

/** emitWhenOpen waits for the source to open `id`, then emits `price` on it. */
async function emitWhenOpen(id: string, price: string): Promise<void> {
  await expect.poll(() => source.open(id), { timeout: 4_000 }).toBeDefined();
  source.open(id)!.emit(price);
}

const quotesOf = (messages: WatchResponse[]) =>
  messages.flatMap((m) => (m.event.case === "quote" ? [`${m.event.value.symbol} ${m.event.value.price}`] : []));

describe("grpc-js over HTTP/2", () => {
  it("when it streams a price, then the quote arrives", async () => {
    const { grpc } = await start();
    const stream = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "BTCUSD" }));
    await emitWhenOpen("BTCUSD", "97123.45");
    await expect.poll(() => stream.messages.flatMap((m) => (m.event.case === "quote" ? [m.event.value.price] : []))).toEqual(["97123.45"]);
  });

  it("when it opens a Watch and UpdateWatch adds a symbol, then the watch id comes first and the added symbol's quotes follow", async () => {
    const { grpc } = await start();
    const watch = track(grpcServerStream(grpc, PriceService.method.watch, { symbols: ["BTCUSD"] }));
    await expect.poll(() => watch.messages[0]?.event.case).toBe("started");
    const started = watch.messages[0]!.event;
    const watchId = started.case === "started" ? started.value.watchId : "";
    const update = await grpcUnary(grpc, PriceService.method.updateWatch, { watchId, add: ["ETHUSD"] });
    expect(update.ok).toBe(true);
    await emitWhenOpen("BTCUSD", "97000");
    await emitWhenOpen("ETHUSD", "3500.5");
    await expect.poll(() => quotesOf(watch.messages).sort()).toEqual(["BTCUSD 97000", "ETHUSD 3500.5"]);
  });

  it("when it asks for a malformed symbol, then INVALID_ARGUMENT", async () => {
    const { grpc } = await start();
    const stream = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "no such/thing" }));
    expect((await stream.ended).code).toBe(3);
  });

  it("when its deadline passes on an open stream, then DEADLINE_EXCEEDED, and the symbol is released", async () => {
    const { grpc } = await start();
    const stream = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "BTCUSD" }, { deadlineMs: 500 }));
    await expect.poll(() => source.open("BTCUSD"), { timeout: 4_000 }).toBeDefined();
    expect((await stream.ended).code).toBe(4);
    await expect.poll(() => source.open("BTCUSD")).toBeUndefined();
  });

  it("when it cancels a stream, then the symbol is released before the server answers the next call on that connection, and a second stream goes on", async () => {
    const { grpc } = await start();
    const kept = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "ETHUSD" }));
    const cancelled = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "BTCUSD" }));
    await expect.poll(() => source.open("BTCUSD") !== undefined && source.open("ETHUSD") !== undefined, { timeout: 4_000 }).toBe(true);
    const at = performance.now();
    cancelled.cancel();
    // The reset goes out before the next call's headers on the one connection, so the release must
    // not wait on any timer: by the time that call's first message is back, the symbol is gone.
    const next = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "SOLUSD" }));
    await expect.poll(() => next.messages.length, { interval: 1, timeout: 4_000 }).toBeGreaterThan(0);
    expect(source.open("BTCUSD")).toBeUndefined();
    console.log(`grpc-js cancel: BTCUSD released and the next call answered in ${(performance.now() - at).toFixed(1)} ms`);
    source.open("ETHUSD")!.emit("3600");
    await expect.poll(() => kept.messages.some((m) => m.event.case === "quote" && m.event.value.price === "3600")).toBe(true);
  });

  it("when a token is set and the call carries none, then UNAUTHENTICATED; with it, the stream opens", async () => {
    const { grpc } = await start({ apiToken: token });
    const refused = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "BTCUSD" }));
    const ended = await refused.ended;
    expect(ended.code).toBe(16);
    expect(ended.details).toContain("API_TOKEN");
    const allowed = track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "BTCUSD" }, { headers: { authorization: `Bearer ${token}` } }));
    await emitWhenOpen("BTCUSD", "1.5");
    await expect.poll(() => allowed.messages.some((m) => m.event.case === "quote")).toBe(true);
  });

  it("when the server shuts down, then every open stream ends UNAVAILABLE saying so", async () => {
    const { server, grpc } = await start();
    const streams = ["BTCUSD", "ETHUSD"].map((symbol) => track(grpcServerStream(grpc, PriceService.method.streamPrice, { symbol })));
    await expect.poll(() => source.openCount(), { timeout: 4_000 }).toBe(2);
    server.shutdown();
    for (const stream of streams) {
      const ended = await stream.ended;
      expect(ended.code).toBe(14);
      expect(ended.details).toContain("shutting down");
    }
  });
});
