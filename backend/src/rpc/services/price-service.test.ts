import { Code, ConnectError } from "@connectrpc/connect";
import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { codeOf } from "@crypto-stream/test-support/connect-errors";
import { createLogger } from "../../log.js";

let server: TestServer | undefined;
let source: FakeSource;
const streams = new StreamSignals();

async function start(options: Partial<Parameters<typeof startTestServer>[0]> = {}) {
  source = createFakeSource((feed) => {
    queueMicrotask(() => {
      if (feed.ref.ticker.startsWith("NOPE")) feed.state("not_found", "error page");
      else feed.state("live");
    });
  });
  server = await startTestServer({ source, ...options });
  return server;
}

const abortable = (): AbortSignal => streams.next();

/** until reads `stream` until `done` says so, and returns what it read. */
async function until<T>(stream: AsyncIterable<T>, done: (seen: T[]) => boolean): Promise<T[]> {
  const seen: T[] = [];
  for await (const message of stream) {
    seen.push(message);
    if (done(seen)) break;
  }
  return seen;
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

describe("StreamPrice over HTTP", () => {
  it("when a second client subscribes to a live symbol, then it gets the cached quote at once and shares the feed", async () => {
    const { client } = await start();
    const first = client.streamPrice({ symbol: "BTCUSD" }, { signal: abortable() });
    const firstRead = until(first, (seen) => seen.some((m) => m.event.case === "quote"));
    await expect.poll(() => source.open("BTCUSD") !== undefined, { timeout: 4_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    source.open("BTCUSD")!.emit("97123.45");
    await firstRead;

    const second = await until(client.streamPrice({ symbol: " btcusd " }, { signal: abortable() }), (seen) =>
      seen.some((m) => m.event.case === "quote"),
    );
    const quote = second.find((m) => m.event.case === "quote")!.event.value as { symbol: string; price: string };
    expect(quote).toMatchObject({ symbol: "BTCUSD", price: "97123.45" });
    expect(source.feeds).toHaveLength(1);
  });

  it("when the client aborts, then its subscription is released and the feed closes", async () => {
    const { client, hub } = await start();
    const controller = new AbortController();
    const stream = client.streamPrice({ symbol: "ETHUSD" }, { signal: controller.signal });
    await until(stream, (seen) => seen.length >= 1);
    controller.abort();
    await expect.poll(() => source.openCount() === 0 && hub.stats().subscribers === 0, { timeout: 4_000 }).toBe(true);
  });

  it("when a client stops reading and then vanishes, then its subscriptions are still released", async () => {
    const { client, hub } = await start();
    const controller = new AbortController();
    const symbols = ["BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD"];
    const stream = client.watch({ symbols }, { signal: controller.signal })[Symbol.asyncIterator]();
    await stream.next();
    // Large quotes the client never reads fill the socket buffers, so the server is mid-write.
    for (let i = 0; i < 4_000; i += 1) {
      source.open(symbols[i % 4]!)!.emit(`${i}.${"9".repeat(20_000)}`);
      if (i % 4 === 0) await new Promise((r) => setImmediate(r));
    }
    controller.abort();
    await expect.poll(() => source.openCount() === 0 && hub.stats().subscribers === 0 && server!.watches.size === 0, { timeout: 4_000 }).toBe(true);
  });

  it("when the symbol is unknown, then the stream ends with NOT_FOUND and no feed stays open", async () => {
    const { client, hub } = await start();
    const code = await codeOf(() => until(client.streamPrice({ symbol: "NOPECOIN" }), () => false));
    expect(code).toBe(Code.NotFound);
    await expect.poll(() => hub.stats().symbols === 0 && source.openCount() === 0, { timeout: 4_000 }).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["10 kB", "A".repeat(10_000)],
    ["unicode", "BTC€USD"],
    ["path", "../"],
    ["query", "BTCUSD?x="],
    ["inner space", "BTC USD"],
    ["two colons", "A:B:C"],
  ])("when the symbol is malformed (%s), then INVALID_ARGUMENT and no feed opens", async (_name, symbol) => {
    const { client } = await start();
    const code = await codeOf(() => until(client.streamPrice({ symbol }), () => false));
    expect(code).toBe(Code.InvalidArgument);
    expect(source.feeds).toHaveLength(0);
  });

  it("when the stream is idle, then heartbeats arrive", async () => {
    const { client } = await start({ heartbeatIntervalMs: 30 });
    const seen = await until(client.streamPrice({ symbol: "SOLUSD" }, { signal: abortable() }), (s) =>
      s.some((m) => m.event.case === "heartbeat"),
    );
    expect(seen.at(-1)!.event.case).toBe("heartbeat");
  });

  it("when the symbol cap is reached, then RESOURCE_EXHAUSTED names the cap and others still stream", async () => {
    const { client } = await start({ maxSymbols: 1 });
    await until(client.streamPrice({ symbol: "BTCUSD" }, { signal: abortable() }), (s) => s.length >= 1);
    const error = await until(client.streamPrice({ symbol: "ETHUSD" }), () => false).catch((e: unknown) => ConnectError.from(e));
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.ResourceExhausted);
    expect((error as ConnectError).rawMessage).toContain("MAX_SYMBOLS");
    const again = await until(client.streamPrice({ symbol: "BTCUSD" }, { signal: abortable() }), (s) => s.length >= 1);
    expect(again.length).toBe(1);
  });

  it("when the server shuts down, then open streams end with UNAVAILABLE saying so", async () => {
    const srv = await start();
    const stream = srv.client.streamPrice({ symbol: "BTCUSD" });
    const read = until(stream, () => false).catch((e: unknown) => ConnectError.from(e));
    await expect.poll(() => srv.hub.stats().subscribers === 1, { timeout: 4_000 }).toBe(true);
    srv.shutdown();
    const error = (await read) as ConnectError;
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toContain("shutting down");
    const ready = await fetch(`${srv.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
  });
});

describe("Watch and UpdateWatch over HTTP", () => {
  const eight = ["BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "ADAUSD", "DOGEUSD", "LINKUSD", "AVAXUSD"];

  it("when one Watch carries 8 symbols, then it sees every quote and follows adds and removes", async () => {
    const { client } = await start();
    const stream = client.watch({ symbols: eight }, { signal: abortable() })[Symbol.asyncIterator]();
    const first = await stream.next();
    expect(first.value.event.case).toBe("started");
    const started = first.value.event.value as { watchId: string; symbols: string[]; defaultExchange: string };
    expect(started.watchId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(started.symbols).toEqual([...eight].sort());
    // Clients learn what a bare ticker means from the server, never from a copy of its default.
    expect(started.defaultExchange).toBe("BINANCE");
    expect(source.openCount()).toBe(8);

    const quotes = new Map<string, string>();
    const readQuotes = async (want: number) => {
      while (quotes.size < want) {
        const { value } = await stream.next();
        if (value.event.case === "quote") quotes.set(value.event.value.symbol, value.event.value.price);
      }
    };
    for (const [i, symbol] of eight.entries()) source.open(symbol)!.emit(`${i + 1}.5`);
    await readQuotes(8);
    expect(quotes.get("DOGEUSD")).toBe("6.5");

    const updated = await client.updateWatch({ watchId: started.watchId, add: ["ltcusd", "DOTUSD"], remove: ["BTCUSD", "ETHUSD", "SOLUSD"] });
    expect(updated.symbols).toEqual(["ADAUSD", "AVAXUSD", "DOGEUSD", "DOTUSD", "LINKUSD", "LTCUSD", "XRPUSD"]);
    expect(source.open("BTCUSD")).toBeUndefined();
    expect(source.openCount()).toBe(7);
    quotes.clear();
    source.open("LTCUSD")!.emit("80.1");
    await readQuotes(1);
    expect(quotes.get("LTCUSD")).toBe("80.1");
  });

  it("when an unknown symbol is watched, then the watch reports not found and keeps streaming the rest", async () => {
    const { client } = await start();
    const seen = await until(client.watch({ symbols: ["NOPEUSD", "BTCUSD"] }, { signal: abortable() }), (s) =>
      s.some((m) => m.event.case === "status" && m.event.value.state === SymbolState.NOT_FOUND),
    );
    const status = seen.find((m) => m.event.case === "status" && m.event.value.state === SymbolState.NOT_FOUND);
    expect(status?.event.value).toMatchObject({ symbol: "NOPEUSD" });
    expect(source.open("BTCUSD")).toBeDefined();
  });

  it("when UpdateWatch gets a bad watch id or bad symbols, then NOT_FOUND or INVALID_ARGUMENT and nothing changes", async () => {
    const { client } = await start();
    const stream = client.watch({ symbols: ["BTCUSD"] }, { signal: abortable() })[Symbol.asyncIterator]();
    const watchId = ((await stream.next()).value.event.value as { watchId: string }).watchId;
    expect(await codeOf(() => client.updateWatch({ watchId: "x".repeat(22), add: ["ETHUSD"] }))).toBe(Code.NotFound);
    expect(await codeOf(() => client.updateWatch({ watchId: "", add: ["ETHUSD"] }))).toBe(Code.InvalidArgument);
    expect(await codeOf(() => client.updateWatch({ watchId, add: ["ETHUSD", "BAD SYMBOL"] }))).toBe(Code.InvalidArgument);
    expect(source.openCount()).toBe(1);
  });

  it("when a watch would pass MAX_SYMBOLS_PER_WATCH, then RESOURCE_EXHAUSTED and it keeps what it had", async () => {
    const { client } = await start({ maxSymbolsPerWatch: 2 });
    expect(await codeOf(() => until(client.watch({ symbols: ["A1", "B1", "C1"] }), () => false))).toBe(Code.ResourceExhausted);
    const stream = client.watch({ symbols: ["BTCUSD"] }, { signal: abortable() })[Symbol.asyncIterator]();
    const watchId = ((await stream.next()).value.event.value as { watchId: string }).watchId;
    expect(await codeOf(() => client.updateWatch({ watchId, add: ["ETHUSD", "SOLUSD"] }))).toBe(Code.ResourceExhausted);
    expect((await client.updateWatch({ watchId, add: ["ETHUSD"] })).symbols).toEqual(["BTCUSD", "ETHUSD"]);
  });

  it("when UpdateWatch repeats symbols or lists more than a watch holds, then repeats count once, more is RESOURCE_EXHAUSTED, and the log counts", async () => {
    const lines: string[] = [];
    const { client } = await start({ maxSymbolsPerWatch: 3, logger: createLogger({ sink: (line) => lines.push(line) }) });
    const stream = client.watch({ symbols: ["BTCUSD"] }, { signal: abortable() })[Symbol.asyncIterator]();
    const watchId = ((await stream.next()).value.event.value as { watchId: string }).watchId;
    const repeated = await client.updateWatch({ watchId, add: [...Array<string>(2_000).fill("ETHUSD"), "SOLUSD"], remove: Array<string>(2_000).fill("XRPUSD") });
    expect(repeated.symbols).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    const refusal = await client.updateWatch({ watchId, remove: ["A1", "B1", "C1", "D1"] }).catch((error: unknown) => ConnectError.from(error));
    expect(refusal).toBeInstanceOf(ConnectError);
    expect(refusal).toMatchObject({ code: Code.ResourceExhausted });
    expect((refusal as ConnectError).rawMessage).toContain("MAX_SYMBOLS_PER_WATCH");
    const updated = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === "watch.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ added: 2, removed: 1, symbols: 3 });
    expect(JSON.stringify(updated[0])).not.toContain("ETHUSD");
  });

  it("when the Watch stream ends, then its id stops working and its symbols are released", async () => {
    const { client, watches } = await start();
    const controller = new AbortController();
    const stream = client.watch({ symbols: ["BTCUSD", "ETHUSD"] }, { signal: controller.signal })[Symbol.asyncIterator]();
    const watchId = ((await stream.next()).value.event.value as { watchId: string }).watchId;
    controller.abort();
    await expect.poll(() => source.openCount() === 0 && watches.size === 0, { timeout: 4_000 }).toBe(true);
    expect(await codeOf(() => client.updateWatch({ watchId, add: ["SOLUSD"] }))).toBe(Code.NotFound);
  });
});
