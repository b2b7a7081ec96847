/**
 * Limits and access control over real HTTP (fake price source): every limit is hit, answered with
 * the right code and a message naming the setting, and the server keeps serving everyone else.
 */
import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { request, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { Metrics } from "../src/metrics/metrics.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer, type TestServerOptions } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { errorOf } from "@crypto-stream/test-support/connect-errors";
import { envelope } from "@crypto-stream/test-support/envelope";

let server: TestServer | undefined;
let source: FakeSource;
const streams = new StreamSignals();

async function start(options: Partial<TestServerOptions> = {}): Promise<TestServer> {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, ...options });
  return server;
}

const signal = (): AbortSignal => streams.next();

/** clientFrom calls the server from another loopback address, i.e. as another client. */
function clientFrom(baseUrl: string, localAddress: string, headers: Record<string, string> = {}) {
  return createClient(
    PriceService,
    createConnectTransport({
      baseUrl,
      httpVersion: "1.1",
      nodeOptions: { localAddress },
      interceptors: [(next) => (req) => {
        for (const [k, v] of Object.entries(headers)) req.header.set(k, v);
        return next(req);
      }],
    }),
  );
}

/**
 * openUnreadWatch opens a Watch with a raw HTTP client that never reads the response body, as a
 * client that hung or lost its network would. (connect-node's client buffers whatever arrives.)
 */
async function openUnreadWatch(baseUrl: string, symbols: string[]): Promise<{ close(): void }> {
  const frame = envelope({ symbols });
  const req = request(`${baseUrl}/cryptostream.v1.PriceService/Watch`, {
    method: "POST",
    headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" },
  });
  req.on("error", () => {});
  req.end(frame);
  const res = await new Promise<IncomingMessage>((resolve) => req.once("response", resolve));
  res.pause();
  res.on("error", () => {});
  await expect.poll(() => server!.watches.size === 1, { timeout: 4_000 }).toBe(true);
  return { close: () => req.destroy() };
}

async function firstMessage<T>(stream: AsyncIterable<T>): Promise<T> {
  for await (const message of stream) return message;
  throw new Error("stream ended at once");
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

describe("limits", () => {
  it("when one client opens more streams than MAX_STREAMS_PER_CLIENT, then RESOURCE_EXHAUSTED and other clients still stream", async () => {
    const { baseUrl } = await start({ maxStreamsPerClient: 3 });
    const greedy = clientFrom(baseUrl, "127.0.0.2");
    for (const symbol of ["BTCUSD", "ETHUSD", "SOLUSD"]) await firstMessage(greedy.streamPrice({ symbol }, { signal: signal() }));
    const refused = await errorOf(() => firstMessage(greedy.streamPrice({ symbol: "XRPUSD" })));
    expect(refused?.code).toBe(Code.ResourceExhausted);
    expect(refused?.rawMessage).toContain("MAX_STREAMS_PER_CLIENT");
    const other = clientFrom(baseUrl, "127.0.0.3");
    expect((await firstMessage(other.streamPrice({ symbol: "XRPUSD" }, { signal: signal() }))).event.case).toBe("status");
  });

  it("when one client holds MAX_SYMBOLS_PER_CLIENT symbols, then one more is RESOURCE_EXHAUSTED naming the setting, and others still get theirs", async () => {
    const { baseUrl } = await start({ maxSymbolsPerClient: 3 });
    const greedy = clientFrom(baseUrl, "127.0.0.2");
    const watch = greedy.watch({ symbols: ["BTCUSD", "ETHUSD"] }, { signal: signal() })[Symbol.asyncIterator]();
    const watchId = ((await watch.next()).value!.event.value as { watchId: string }).watchId;
    // The same symbol on a second stream of the same client is no new symbol.
    await firstMessage(greedy.streamPrice({ symbol: "BTCUSD" }, { signal: signal() }));
    await firstMessage(greedy.streamPrice({ symbol: "SOLUSD" }, { signal: signal() }));
    const refused = await errorOf(() => firstMessage(greedy.streamPrice({ symbol: "XRPUSD" })));
    expect(refused?.code).toBe(Code.ResourceExhausted);
    expect(refused?.rawMessage).toContain("MAX_SYMBOLS_PER_CLIENT");
    const update = await errorOf(() => greedy.updateWatch({ watchId, add: ["ADAUSD"] }));
    expect(update?.code).toBe(Code.ResourceExhausted);
    expect(update?.rawMessage).toContain("MAX_SYMBOLS_PER_CLIENT");
    // Letting one go makes room again (an UpdateWatch adds before it removes: all or nothing).
    await greedy.updateWatch({ watchId, remove: ["ETHUSD"] });
    expect((await greedy.updateWatch({ watchId, add: ["ADAUSD"] })).symbols).toEqual(["ADAUSD", "BTCUSD"]);
    const other = clientFrom(baseUrl, "127.0.0.3");
    expect((await firstMessage(other.watch({ symbols: ["XRPUSD", "DOTUSD", "LTCUSD"] }, { signal: signal() }))).event.case).toBe("started");
  });

  it("when clients add symbols nobody watches faster than the page-open rates, then RESOURCE_EXHAUSTED naming each setting; open symbols cost nothing", async () => {
    const { baseUrl } = await start({ pageOpensPerMinutePerClient: 3, pageOpensPerMinute: 5 });
    const cycler = clientFrom(baseUrl, "127.0.0.2");
    // Cycling tickers: each stream opens a page and ends at once, closing it.
    for (const symbol of ["NEW1USD", "NEW2USD", "NEW3USD"]) {
      const controller = new AbortController();
      await firstMessage(cycler.streamPrice({ symbol }, { signal: controller.signal }));
      controller.abort();
    }
    const perClient = await errorOf(() => firstMessage(cycler.streamPrice({ symbol: "NEW4USD" })));
    expect(perClient?.code).toBe(Code.ResourceExhausted);
    expect(perClient?.rawMessage).toContain("PAGE_OPENS_PER_MINUTE_PER_CLIENT");
    const other = clientFrom(baseUrl, "127.0.0.3");
    await firstMessage(other.streamPrice({ symbol: "BTCUSD" }, { signal: signal() }));
    // A symbol another client holds open opens no page: the cycler may still have it.
    expect((await firstMessage(cycler.streamPrice({ symbol: "BTCUSD" }, { signal: signal() }))).event.case).toBe("status");
    await firstMessage(other.streamPrice({ symbol: "ETHUSD" }, { signal: signal() }));
    const overall = await errorOf(() => firstMessage(clientFrom(baseUrl, "127.0.0.4").streamPrice({ symbol: "SOLUSD" })));
    expect(overall?.code).toBe(Code.ResourceExhausted);
    expect(overall?.rawMessage).toMatch(/raise PAGE_OPENS_PER_MINUTE$/);
    expect(source.feeds.map((feed) => feed.ref.id)).toEqual(["NEW1USD", "NEW2USD", "NEW3USD", "BTCUSD", "ETHUSD"]);
  });

  it("when a client's streams end, then its slots are free again", async () => {
    const { baseUrl } = await start({ maxStreamsPerClient: 1 });
    const client = clientFrom(baseUrl, "127.0.0.2");
    const controller = new AbortController();
    await firstMessage(client.streamPrice({ symbol: "BTCUSD" }, { signal: controller.signal }));
    controller.abort();
    await expect.poll(() => server!.hub.stats().subscribers === 0, { timeout: 4_000 }).toBe(true);
    await firstMessage(client.streamPrice({ symbol: "BTCUSD" }, { signal: signal() }));
  });

  it("when a request is larger than the server reads, then RESOURCE_EXHAUSTED and no page opens", async () => {
    const { client } = await start();
    const symbols = Array.from({ length: 3_000 }, (_, i) => `COIN${i}USDTXXXXXXXXXXXX`);
    const error = await errorOf(() => firstMessage(client.watch({ symbols })));
    expect(error?.code).toBe(Code.ResourceExhausted);
    expect(source.feeds).toHaveLength(0);
    expect((await firstMessage(client.watch({ symbols: ["BTCUSD"] }, { signal: signal() }))).event.case).toBe("started");
  });

  it("when a client stops reading, then its stream is cut after STALL_TIMEOUT_MS and a reading client is not delayed", async () => {
    const { baseUrl, client } = await start({ stallTimeoutMs: 200 });
    const stalled = await openUnreadWatch(baseUrl, ["BTCUSD"]);
    const reader = client.streamPrice({ symbol: "BTCUSD" }, { signal: signal() })[Symbol.asyncIterator]();
    await reader.next();
    let seen = 0;
    for (let i = 0; i < 3_000 && server!.hub.stats().subscribers > 1; i += 1) {
      source.open("BTCUSD")!.emit(`${i}.${"7".repeat(20_000)}`);
      // The reading client keeps up throughout.
      const { value } = await reader.next();
      if (value?.event.case === "quote") seen += 1;
    }
    await expect.poll(() => server!.hub.stats().subscribers === 1 && server!.watches.size === 0, { timeout: 4_000 }).toBe(true);
    expect(seen).toBeGreaterThan(0);
    stalled.close();
  });
});

describe("access", () => {
  const token = "a-very-secret-token-0123456789";

  it("when API_TOKEN is set, then calls without it get UNAUTHENTICATED and calls with it work; probes stay open", async () => {
    const { baseUrl, client } = await start({ apiToken: token, metrics: new Metrics({ defaultMetrics: false }) });
    const missing = await errorOf(() => firstMessage(client.streamPrice({ symbol: "BTCUSD" })));
    expect(missing?.code).toBe(Code.Unauthenticated);
    expect(missing?.rawMessage).toContain("Authorization: Bearer");
    const wrong = clientFrom(baseUrl, "127.0.0.1", { authorization: `Bearer ${token}x` });
    expect((await errorOf(() => wrong.updateWatch({ watchId: "x", add: [] })))?.code).toBe(Code.Unauthenticated);
    const right = clientFrom(baseUrl, "127.0.0.1", { authorization: `Bearer ${token}` });
    expect((await firstMessage(right.watch({ symbols: ["BTCUSD"] }, { signal: signal() }))).event.case).toBe("started");
    expect(source.feeds).toHaveLength(1);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("when a browser calls from an origin not in ALLOWED_ORIGINS, then 403; a listed origin gets CORS; same-origin passes", async () => {
    const { baseUrl } = await start({ allowedOrigins: ["http://good.example"] });
    const call = (origin: string, method = "POST") =>
      fetch(`${baseUrl}/cryptostream.v1.PriceService/UpdateWatch`, {
        method,
        headers: { origin, "content-type": "application/json", "access-control-request-method": "POST" },
        body: method === "POST" ? '{"watchId":"nope"}' : undefined,
      });
    const evil = await call("http://evil.example");
    expect(evil.status).toBe(403);
    expect((await evil.json()).message).toContain("ALLOWED_ORIGINS");
    const preflight = await call("http://good.example", "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://good.example");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Connect-Protocol-Version");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    const good = await call("http://good.example");
    expect(good.status).toBe(404);
    expect(good.headers.get("access-control-allow-origin")).toBe("http://good.example");
    expect(good.headers.get("access-control-expose-headers")).toContain("Grpc-Status");
    expect((await call(baseUrl)).status).toBe(404);
  });
});

describe("metrics", () => {
  it("when quotes flow, then /metrics reports subscribers, watches, pages, quotes and delivery", async () => {
    const metrics = new Metrics({ defaultMetrics: true });
    const { baseUrl, client } = await start({ metrics });
    const stream = client.watch({ symbols: ["BTCUSD", "ETHUSD"] }, { signal: signal() })[Symbol.asyncIterator]();
    await stream.next();
    await expect.poll(() => source.openCount() === 2, { timeout: 4_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    source.open("BTCUSD")!.emit("1.5");
    source.open("BTCUSD")!.state("reconnecting", "page went silent");
    for (let got = 0; got < 1; ) if ((await stream.next()).value?.event.case === "quote") got += 1;
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(text).toMatch(/^cryptostream_subscribers 1$/m);
    expect(text).toMatch(/^cryptostream_watches 1$/m);
    expect(text).toMatch(/^cryptostream_open_pages 2$/m);
    expect(text).toMatch(/^cryptostream_quotes_observed_total 1$/m);
    expect(text).toMatch(/^cryptostream_quotes_sent_total 1$/m);
    expect(text).toMatch(/^cryptostream_scrape_errors_total\{kind="reconnecting"\} 1$/m);
    expect(text).toMatch(/^cryptostream_delivery_seconds_count 1$/m);
    expect(text).toMatch(/^cryptostream_page_open_seconds_count 2$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
