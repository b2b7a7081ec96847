/**
 * The direct path's refusals over real HTTP/1.1 and HTTP/2, per protocol and codec, each set beside
 * what Connect (the Express middleware, or on HTTP/2 the node adapter) answers to the same call (a listed browser origin takes that path, as CORS
 * needs it): same code, same message. Plus what only raw HTTP shows: the server's own deadline,
 * gRPC's trailers-only answer, and that Connect still serves what the direct path leaves alone.
 */
import { request } from "node:http";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer, type TestServerOptions } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { http2WireTransports, wireTransports, type WireTransport } from "@crypto-stream/test-support/wire-transports";

const ORIGIN = "http://listed.example";
const TOKEN = "s3cret-token";
let server: TestServer | undefined;
const streams = new StreamSignals();

async function start(options: Partial<TestServerOptions> = {}): Promise<TestServer> {
  const source = createFakeSource((feed) => {
    queueMicrotask(() => feed.state(feed.ref.ticker.startsWith("NOPE") ? "not_found" : "live"));
  });
  server = await startTestServer({ source, allowedOrigins: [ORIGIN], ...options });
  return server;
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

/** outcome reads a StreamPrice call to its end: its error's code and message, or "ok". */
async function outcome(call: AsyncIterable<unknown>): Promise<{ code: Code; message: string } | "ok"> {
  try {
    for await (const message of call) void message;
    return "ok";
  } catch (error) {
    const e = ConnectError.from(error);
    return { code: e.code, message: e.rawMessage };
  }
}

/** bothWays makes the same call on the direct path and through Connect; returns both outcomes and what the direct path took. */
async function bothWays(srv: TestServer, transport: WireTransport[1], symbol: string, headers: Record<string, string> = {}) {
  const client = createClient(PriceService, transport(srv.baseUrl));
  const takenBefore = srv.direct.taken;
  const direct = await outcome(client.streamPrice({ symbol }, { headers }));
  const taken = srv.direct.taken - takenBefore;
  const connect = await outcome(client.streamPrice({ symbol }, { headers: { ...headers, origin: ORIGIN } }));
  expect(srv.direct.taken - takenBefore).toBe(taken);
  return { direct, connect, taken };
}

describe.each([...wireTransports, ...http2WireTransports])("%s: refusals on the direct path", (_name, transport) => {
  it.each([
    ["a malformed symbol", "BTC USD", Code.InvalidArgument],
    ["an unknown ticker", "NOPECOIN", Code.NotFound],
    ["a request past READ_MAX_BYTES", "A".repeat(70_000), Code.ResourceExhausted],
  ])("when it asks with %s, then the code and message are Connect's", async (_case, symbol, code) => {
    const srv = await start();
    const { direct, connect, taken } = await bothWays(srv, transport, symbol);
    expect(taken).toBe(1);
    expect(direct).toEqual(connect);
    expect(direct).toMatchObject({ code });
    await expect.poll(() => srv.hub.stats().subscribers + srv.direct.open).toBe(0);
  });

  it("when API_TOKEN is missing, then UNAUTHENTICATED as through Connect, and the activity log counts both", async () => {
    const srv = await start({ apiToken: TOKEN });
    const { direct, connect, taken } = await bothWays(srv, transport, "BTCUSD");
    expect(taken).toBe(1);
    expect(direct).toEqual(connect);
    expect(direct).toMatchObject({ code: Code.Unauthenticated });
    expect(srv.activity.log.recent().filter((event) => event.kind === "unauthenticated").length).toBeGreaterThan(0);
    const right = createClient(PriceService, transport(srv.baseUrl));
    const open = right.streamPrice({ symbol: "BTCUSD" }, { headers: { authorization: `Bearer ${TOKEN}` }, signal: streams.next() });
    await open[Symbol.asyncIterator]().next();
    expect(srv.direct.open).toBe(1);
  });

  it("when the client holds its stream cap, then RESOURCE_EXHAUSTED as through Connect, noted as a refused stream", async () => {
    const srv = await start({ maxStreamsPerClient: 1 });
    const held = createClient(PriceService, transport(srv.baseUrl)).streamPrice({ symbol: "ETHUSD" }, { signal: streams.next() });
    await held[Symbol.asyncIterator]().next();
    const { direct, connect } = await bothWays(srv, transport, "BTCUSD");
    expect(direct).toEqual(connect);
    expect(direct).toMatchObject({ code: Code.ResourceExhausted });
    expect(srv.activity.log.recent().some((event) => event.kind === "stream_refused")).toBe(true);
  });
});

/** rawPost sends one enveloped JSON request and reads the whole answer, trailers included. */
function rawPost(baseUrl: string, contentType: string, message: unknown, headers: Record<string, string> = {}) {
  const json = Buffer.from(JSON.stringify(message));
  const body = Buffer.concat([Buffer.from([0, 0, 0, 0, 0]), json]);
  body.writeUInt32BE(json.length, 1);
  return new Promise<{ headers: Record<string, unknown>; body: Buffer; trailers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(`${baseUrl}/cryptostream.v1.PriceService/StreamPrice`, { method: "POST", headers: { "content-type": contentType, ...headers } });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks), trailers: res.trailers }));
    });
    req.end(body);
  });
}

describe("what raw HTTP shows", () => {
  it("when connect-timeout-ms passes, then the server itself ends the stream deadline_exceeded and lets go", async () => {
    const srv = await start();
    const answer = await rawPost(srv.baseUrl, "application/connect+json", { symbol: "BTCUSD" }, { "connect-timeout-ms": "200" });
    const end = answer.body.subarray(answer.body.lastIndexOf(0x02) + 5).toString();
    expect(JSON.parse(end)).toMatchObject({ error: { code: "deadline_exceeded", message: "the operation timed out" } });
    await expect.poll(() => srv.hub.stats().subscribers + srv.direct.open).toBe(0);
  });

  it("when a gRPC call is refused before its first message, then the answer is trailers-only; an open one ends in trailers", async () => {
    const srv = await start();
    const refused = await rawPost(srv.baseUrl, "application/grpc+json", { symbol: "BTC USD" });
    expect(refused.headers["grpc-status"]).toBe(String(Code.InvalidArgument));
    expect(refused.body.length).toBe(0);
    const timed = await rawPost(srv.baseUrl, "application/grpc+json", { symbol: "BTCUSD" }, { "grpc-timeout": "200m" });
    expect(timed.headers["grpc-status"]).toBeUndefined();
    expect(timed.trailers["grpc-status"]).toBe(String(Code.DeadlineExceeded));
  });

  it("when a listed foreign origin streams, then Connect serves it with CORS, and an unlisted one is refused 403", async () => {
    const srv = await start();
    const client = createClient(PriceService, wireTransports[0]![1](srv.baseUrl));
    let allowed: string | null = null;
    const stream = client.streamPrice({ symbol: "BTCUSD" }, { headers: { origin: ORIGIN }, signal: streams.next(), onHeader: (h) => (allowed = h.get("access-control-allow-origin")) });
    await stream[Symbol.asyncIterator]().next();
    expect(allowed).toBe(ORIGIN);
    expect(srv.direct.taken).toBe(0);
    expect(srv.hub.stats().subscribers).toBe(1);
    const foreign = await rawPost(srv.baseUrl, "application/connect+json", { symbol: "BTCUSD" }, { origin: "http://other.example" });
    expect(JSON.parse(foreign.body.toString())).toMatchObject({ code: "permission_denied" });
  });
});
