/**
 * GetStatus over real HTTP with a real Connect client (fake price source): it follows subscribe and
 * unsubscribe, answers a plain GET, sits behind the token like /metrics, and leaks nothing of the
 * clients.
 */
import { toJsonString, type DescService } from "@bufbuild/protobuf";
import { Code, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService, SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import {
  GetStatusResponseSchema,
  ServerMode,
  StatusService,
  StreamActivityResponseSchema,
} from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { startTestServer, type TestServer, type TestServerOptions } from "@crypto-stream/test-support/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { codeOf } from "@crypto-stream/test-support/connect-errors";

const token = "a-very-secret-token-0123456789";
const GET_PATH = "/cryptostream.v1.StatusService/GetStatus?encoding=json&message=%7B%7D&connect=v1";
let server: TestServer | undefined;
let source: FakeSource;
const streams = new StreamSignals();

async function start(options: Partial<TestServerOptions> = {}): Promise<TestServer> {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, ...options });
  return server;
}

function clientWith<S extends DescService>(service: S, baseUrl: string, headers: Record<string, string>): Client<S> {
  const transport = createConnectTransport({
    baseUrl,
    httpVersion: "1.1",
    interceptors: [(next) => (req) => {
      for (const [name, value] of Object.entries(headers)) req.header.set(name, value);
      return next(req);
    }],
  });
  return createClient(service, transport);
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

describe("GetStatus", () => {
  it("when clients subscribe and unsubscribe, then it reports each symbol with matching subscriber counts", async () => {
    const { client, status } = await start();
    const watchStream = streams.next();
    const priceStream = new AbortController();
    const watch = client.watch({ symbols: ["BTCUSD", "ETHUSD"] }, { signal: watchStream })[Symbol.asyncIterator]();
    await watch.next();
    const price = client.streamPrice({ symbol: "btcusd" }, { signal: priceStream.signal })[Symbol.asyncIterator]();
    await price.next();
    source.open("BTCUSD")!.emit("97123.45");
    const counts = async () => (await status.getStatus({})).symbols.map((s) => [s.symbol, s.subscribers, s.state]);
    await expect.poll(counts).toEqual([["BTCUSD", 2, SymbolState.LIVE], ["ETHUSD", 1, SymbolState.LIVE]]);
    const snapshot = await status.getStatus({});
    expect(snapshot.server).toMatchObject({ version: "test", instanceId: "test-instance", mode: ServerMode.DEMO, openStreams: 2, watches: 1, clients: 1 });
    expect(snapshot.symbols[0]).toMatchObject({ lastPrice: "97123.45", reloads: 0, reopens: 0, lastProblem: "" });
    expect(snapshot.symbols[0]!.watchedSince).toBeDefined();
    expect(snapshot.symbols[0]!.lastChangedAt).toBeDefined();
    expect(snapshot.browser).toBeUndefined();

    priceStream.abort();
    await expect.poll(counts).toEqual([["BTCUSD", 1, SymbolState.LIVE], ["ETHUSD", 1, SymbolState.LIVE]]);
    streams.abortAll();
    await expect.poll(counts).toEqual([]);
    expect((await status.getStatus({})).server).toMatchObject({ openStreams: 0, watches: 0, clients: 0 });
    expect(source.openCount()).toBe(0);
  });

  it("when asked with a plain HTTP GET, then it answers JSON; a malformed message is INVALID_ARGUMENT", async () => {
    const { baseUrl, client } = await start();
    await client.watch({ symbols: ["SOLUSD"] }, { signal: streams.next() })[Symbol.asyncIterator]().next();
    const response = await fetch(`${baseUrl}${GET_PATH}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { server: { mode: string; version: string }; symbols: { symbol: string; subscribers: number }[] };
    expect(body.server).toMatchObject({ mode: "SERVER_MODE_DEMO", version: "test" });
    expect(body.symbols).toEqual([expect.objectContaining({ symbol: "SOLUSD", subscribers: 1 })]);
    const malformed = await fetch(`${baseUrl}/cryptostream.v1.StatusService/GetStatus?encoding=json&message=%7Bnope&connect=v1`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe("invalid_argument");
  });

  it("when API_TOKEN is set, then StatusService needs it like /metrics, METRICS_PUBLIC opens both, and the token is never logged", async () => {
    const { baseUrl, status, activity } = await start({ apiToken: token });
    expect(await codeOf(() => status.getStatus({}))).toBe(Code.Unauthenticated);
    const wrong = clientWith(StatusService, baseUrl, { authorization: `Bearer ${token}x` });
    expect(await codeOf(() => wrong.getStatus({}))).toBe(Code.Unauthenticated);
    expect(await codeOf(async () => {
      for await (const message of wrong.streamActivity({})) return message;
    })).toBe(Code.Unauthenticated);
    expect((await fetch(`${baseUrl}${GET_PATH}`)).status).toBe(401);
    const right = clientWith(StatusService, baseUrl, { authorization: `Bearer ${token}` });
    expect((await right.getStatus({})).server?.version).toBe("test");
    expect((await fetch(`${baseUrl}${GET_PATH}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const refusals = activity.log.recent().filter((event) => event.kind === "unauthenticated");
    expect(refusals.length).toBeGreaterThan(0);
    expect(JSON.stringify(activity.log.recent())).not.toContain(token);
    await server!.close();

    const open = await start({ apiToken: token, metricsPublic: true });
    expect((await open.status.getStatus({})).server?.version).toBe("test");
    expect((await fetch(`${open.baseUrl}${GET_PATH}`)).status).toBe(200);
    expect(await codeOf(() => open.client.updateWatch({ watchId: "x" }))).toBe(Code.Unauthenticated);
  });

  it("when clients are connected, then neither the status nor the activity holds a client address, header or token", async () => {
    const { baseUrl, client } = await start({ apiToken: token, metricsPublic: true, heartbeatIntervalMs: 50 });
    const authed = clientWith(StatusService, baseUrl, { authorization: `Bearer ${token}`, "x-forwarded-for": "203.0.113.9" });
    await client.watch({ symbols: ["BTCUSD"] }, { signal: streams.next() })[Symbol.asyncIterator]().next().catch(() => undefined);
    expect(await codeOf(() => clientWith(PriceService, baseUrl, { authorization: `Bearer ${token}x` }).updateWatch({ watchId: "x" }))).toBe(Code.Unauthenticated);
    const texts = [await (await fetch(`${baseUrl}${GET_PATH}`)).text(), toJsonString(GetStatusResponseSchema, await authed.getStatus({}))];
    for await (const message of authed.streamActivity({}, { signal: streams.next() })) {
      if (message.event.case === "heartbeat") break;
      texts.push(toJsonString(StreamActivityResponseSchema, message));
    }
    expect(texts.some((text) => text.includes("ACTIVITY_KIND_UNAUTHENTICATED"))).toBe(true);
    for (const text of texts) {
      expect(text).not.toContain("127.0.0.1");
      expect(text).not.toContain("203.0.113.9");
      expect(text).not.toContain(token);
      expect(text.toLowerCase()).not.toContain("bearer");
    }
  });
});
