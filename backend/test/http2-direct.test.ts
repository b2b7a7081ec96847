/**
 * The direct stream path on HTTP/2, over the real port with real clients: every protocol and codec
 * is taken from the raw stream (not Connect), and what only HTTP/2 has: a reset releases that
 * stream's symbol at once and leaves its siblings on the connection streaming; shutdown ends every
 * stream UNAVAILABLE; a broken or oversized request gets the code Connect gives the same bytes.
 */
import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders } from "node:http2";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import { PriceService, StreamPriceRequestSchema, StreamPriceResponseSchema, type StreamPriceResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { http2WireTransports } from "@crypto-stream/test-support/wire-transports";
import { envelope } from "@crypto-stream/test-support/envelope";

const ORIGIN = "http://listed.example";
let server: TestServer | undefined;
let source: FakeSource;
const sessions: ClientHttp2Session[] = [];
const streams = new StreamSignals();

async function start(): Promise<TestServer> {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, allowedOrigins: [ORIGIN] });
  return server;
}

afterEach(async () => {
  streams.abortAll();
  for (const session of sessions.splice(0)) session.destroy();
  await server?.close();
  server = undefined;
});

/** Symbols on the default exchange go by their ticker alone. */
const feedOf = (ticker: string) => source.open(ticker);
const subscribersOf = (srv: TestServer, ticker: string) => srv.hub.symbols().find((s) => s.symbol === ticker)?.subscribers ?? 0;

const request = (symbol: string) => envelope(toBinary(StreamPriceRequestSchema, create(StreamPriceRequestSchema, { symbol })));

/** RawCall is one gRPC StreamPrice call on a raw HTTP/2 session, read as it arrives. */
interface RawCall {
  messages: StreamPriceResponse[];
  /** closed settles with the response headers, trailers and the reset code, once the stream closed. */
  closed: Promise<{ headers: IncomingHttpHeaders; trailers: IncomingHttpHeaders; rstCode: number | undefined }>;
  cancel(): void;
}

function grpcCall(session: ClientHttp2Session, body: Buffer, extra: Record<string, string> = {}): RawCall {
  const stream = session.request({
    ":method": "POST",
    ":path": "/cryptostream.v1.PriceService/StreamPrice",
    "content-type": "application/grpc+proto",
    te: "trailers",
    ...extra,
  });
  const messages: StreamPriceResponse[] = [];
  let headers: IncomingHttpHeaders = {};
  let trailers: IncomingHttpHeaders = {};
  let pending = Buffer.alloc(0);
  stream.on("response", (h) => (headers = h));
  stream.on("trailers", (t) => (trailers = t));
  stream.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 5 && pending.length >= 5 + pending.readUInt32BE(1)) {
      const length = pending.readUInt32BE(1);
      messages.push(fromBinary(StreamPriceResponseSchema, pending.subarray(5, 5 + length)));
      pending = pending.subarray(5 + length);
    }
  });
  stream.on("error", () => undefined);
  const closed = new Promise<Awaited<RawCall["closed"]>>((resolve) => stream.on("close", () => resolve({ headers, trailers, rstCode: stream.rstCode })));
  stream.end(body);
  return { messages, closed, cancel: () => stream.close(constants.NGHTTP2_CANCEL) };
}

function openSession(srv: TestServer): ClientHttp2Session {
  const session = connect(srv.baseUrl);
  session.on("error", () => undefined);
  sessions.push(session);
  return session;
}

const statusOf = (answer: Awaited<RawCall["closed"]>) => {
  const fields = answer.headers["grpc-status"] !== undefined ? answer.headers : answer.trailers;
  return { code: Number(fields["grpc-status"]), message: decodeURIComponent(String(fields["grpc-message"] ?? "")) };
};

describe("StreamPrice on HTTP/2, served from the raw stream", () => {
  it.each(http2WireTransports)("when %s streams a price, then the direct path serves it and lets go once aborted", async (_name, transport) => {
    const srv = await start();
    const signal = streams.next();
    const call = createClient(PriceService, transport(srv.baseUrl)).streamPrice({ symbol: "BTCUSD" }, { signal })[Symbol.asyncIterator]();
    await call.next();
    expect(srv.direct.open).toBe(1);
    feedOf("BTCUSD")!.emit("97123.45");
    const read = (async () => {
      for (let next = await call.next(); !next.done; next = await call.next()) {
        if (next.value.event.case === "quote") return next.value.event.value.price;
      }
      return undefined;
    })();
    expect(await read).toBe("97123.45");
    expect(srv.direct.taken).toBe(1);
    streams.abortAll();
    await expect.poll(() => srv.hub.stats().subscribers + srv.direct.open).toBe(0);
  });

  it("when a gRPC client watches over HTTP/2, then the direct path serves the Watch and UpdateWatch (through Connect) changes it", async () => {
    const srv = await start();
    const [, transport] = http2WireTransports.find(([name]) => name.startsWith("gRPC binary"))!;
    const client = createClient(PriceService, transport(srv.baseUrl));
    const watch = client.watch({ symbols: ["BTCUSD"] }, { signal: streams.next() })[Symbol.asyncIterator]();
    const first = await watch.next();
    expect(first.value?.event.case).toBe("started");
    const watchId = first.value?.event.case === "started" ? first.value.event.value.watchId : "";
    expect(srv.direct.taken).toBe(1);
    await client.updateWatch({ watchId, add: ["ETHUSD"] });
    expect(subscribersOf(srv, "ETHUSD")).toBe(1);
    streams.abortAll();
    await expect.poll(() => srv.hub.stats().subscribers + srv.direct.open).toBe(0);
  });

  it("when a client resets one stream, then its symbol is let go before the next stream on the connection is answered, and a sibling streams on", async () => {
    const srv = await start();
    const session = openSession(srv);
    const btc = grpcCall(session, request("BTCUSD"));
    const eth = grpcCall(session, request("ETHUSD"));
    await expect.poll(() => btc.messages.length > 0 && eth.messages.length > 0).toBe(true);
    expect(srv.direct.open).toBe(2);
    const cancelledAt = performance.now();
    btc.cancel();
    // RST_STREAM leaves before the next stream's HEADERS on the one connection, and the server reads
    // them in that order: a release that waited on any timer would still be pending here.
    const sol = grpcCall(session, request("SOLUSD"));
    await expect.poll(() => sol.messages.length, { interval: 1 }).toBeGreaterThan(0);
    expect(subscribersOf(srv, "BTCUSD")).toBe(0);
    console.log(`http2 reset: BTCUSD let go and the next stream answered in ${(performance.now() - cancelledAt).toFixed(1)} ms`);
    expect((await btc.closed).rstCode).toBe(constants.NGHTTP2_CANCEL);
    const before = eth.messages.length;
    feedOf("ETHUSD")!.emit("3456.78");
    await expect.poll(() => eth.messages.length).toBe(before + 1);
    expect(eth.messages.at(-1)?.event).toMatchObject({ case: "quote", value: { price: "3456.78" } });
    expect(srv.direct.open).toBe(2);
    expect(session.closed || session.destroyed).toBe(false);
  });

  it("when the server shuts down, then every HTTP/2 direct stream ends UNAVAILABLE, saying why", async () => {
    const srv = await start();
    const session = openSession(srv);
    const calls = [grpcCall(session, request("BTCUSD")), grpcCall(session, request("ETHUSD"))];
    await expect.poll(() => calls.every((call) => call.messages.length > 0)).toBe(true);
    srv.shutdown();
    for (const call of calls) {
      expect(statusOf(await call.closed)).toEqual({ code: Code.Unavailable, message: expect.stringContaining("shutting down") as unknown });
    }
    await expect.poll(() => srv.hub.stats().subscribers + srv.direct.open).toBe(0);
  });
});

describe("who may call, on HTTP/2", () => {
  it("when :authority names a host the server does not answer to, then 421 from the host rule, and the direct path takes nothing", async () => {
    const srv = await start();
    const answer = await grpcCall(openSession(srv), request("BTCUSD"), { ":authority": "evil.example" }).closed;
    expect(answer.headers[":status"]).toBe(421);
    expect(srv.direct.taken).toBe(0);
    expect(srv.hub.stats().subscribers).toBe(0);
  });
});

describe("broken requests on HTTP/2: the code Connect gives the same bytes", () => {
  const good = toBinary(StreamPriceRequestSchema, create(StreamPriceRequestSchema, { symbol: "BTCUSD" }));
  it.each([
    ["a truncated envelope", envelope(good).subarray(0, 8), Code.InvalidArgument],
    // Connect's own answer to bytes that do not parse is INTERNAL: the oracle, kept as it is.
    ["a message that is not protobuf", envelope(Buffer.from([0xff, 0xff, 0xff, 0xff])), Code.Internal],
    ["a frame declaring more than READ_MAX_BYTES", envelope(good, 10_000_000), Code.ResourceExhausted],
    ["no message", Buffer.alloc(0), Code.Unimplemented],
    ["two messages", Buffer.concat([envelope(good), envelope(good)]), Code.Unimplemented],
  ])("when a gRPC client sends %s, then it gets that code, trailers-only, as through Connect", async (_case, body, code) => {
    const srv = await start();
    const session = openSession(srv);
    const direct = await grpcCall(session, body).closed;
    expect(srv.direct.taken).toBe(1);
    // A listed browser origin takes the Connect path (it needs CORS): the oracle.
    const connect = await grpcCall(session, body, { origin: ORIGIN }).closed;
    expect(srv.direct.taken).toBe(1);
    expect(statusOf(direct)).toEqual(statusOf(connect));
    expect(statusOf(direct).code).toBe(code);
    expect(direct.headers["grpc-status"]).toBe(String(code));
    expect(srv.hub.stats().subscribers + srv.direct.open).toBe(0);
  });

  it("when one call is refused for its size, then the stream alone is refused and its connection serves the next call", async () => {
    const srv = await start();
    const session = openSession(srv);
    const refused = await grpcCall(session, envelope(good, 10_000_000)).closed;
    expect(statusOf(refused).code).toBe(Code.ResourceExhausted);
    const next = grpcCall(session, request("BTCUSD"));
    await expect.poll(() => next.messages.length).toBeGreaterThan(0);
    expect(srv.direct.open).toBe(1);
  });
});
