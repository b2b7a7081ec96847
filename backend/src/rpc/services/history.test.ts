import { afterEach, describe, expect, it } from "vitest";
import type { History, Quote } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";

let server: TestServer | undefined;
let source: FakeSource;
const streams = new StreamSignals();

async function start(): Promise<TestServer> {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source });
  return server;
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

/**
 * Reads a stream message by message; `read(done)` reads until `done` holds and returns every
 * event read so far (one growing array).
 */
function reader<T extends { event: { case: string | undefined; value?: unknown } }>(stream: AsyncIterable<T>) {
  const it = stream[Symbol.asyncIterator]();
  const events: T["event"][] = [];
  return async (done: (seen: T["event"][]) => boolean) => {
    while (!done(events)) {
      const next = await it.next();
      if (next.done) throw new Error(`stream ended after ${JSON.stringify(events.map((e) => e.case))}`);
      events.push(next.value.event);
    }
    return events;
  };
}

const quotes = (events: { case: string | undefined; value?: unknown }[]) =>
  events.flatMap((e) => (e.case === "quote" ? [e.value as Quote] : []));
const histories = (events: { case: string | undefined; value?: unknown }[]) =>
  events.flatMap((e) => (e.case === "history" ? [e.value as History] : []));
const casesOf = (events: { case: string | undefined }[]) => events.map((e) => e.case).filter((c) => c !== "status");

/** warm opens a first subscriber of BTCUSD and sends it three quotes, the last two with a change. */
async function warm(srv: TestServer): Promise<void> {
  const first = reader(srv.client.streamPrice({ symbol: "BTCUSD" }, { signal: streams.next() }));
  await first((seen) => seen.some((e) => e.case === "status"));
  const feed = source.open("BTCUSD")!;
  feed.emit("97000.00");
  feed.emit("97100.00", new Date(), { change: "100.00", changePercent: "0.10" });
  feed.emit("97123.45", new Date(), { change: "-1234.56", changePercent: "-1.25" });
  await first((seen) => quotes(seen).some((q) => q.price === "97123.45"));
}

describe("history and change over HTTP", () => {
  it("when a second client opens StreamPrice, then it gets a history before its first quote, then live quotes", async () => {
    const srv = await start();
    await warm(srv);
    const second = reader(srv.client.streamPrice({ symbol: "BTCUSD" }, { signal: streams.next() }));
    const opening = await second((seen) => quotes(seen).length === 1);
    expect(casesOf(opening)).toEqual(["history", "quote"]);
    const [history] = histories(opening);
    expect(history!.symbol).toBe("BTCUSD");
    expect(history!.quotes.map((q) => [q.price, q.change, q.changePercent])).toEqual([
      ["97000.00", "", ""],
      ["97100.00", "100.00", "0.10"],
      ["97123.45", "-1234.56", "-1.25"],
    ]);
    expect(quotes(opening)[0]).toMatchObject({ price: "97123.45", change: "-1234.56", changePercent: "-1.25" });

    source.open("BTCUSD")!.emit("97124.00", new Date(), { change: "-1234.01", changePercent: "-1.24" });
    const live = await second((seen) => quotes(seen).length === 2);
    expect(casesOf(live)).toEqual(["history", "quote", "quote"]);
    expect(quotes(live)[1]).toMatchObject({ price: "97124.00", change: "-1234.01", changePercent: "-1.24" });
    expect(source.feeds).toHaveLength(1);

    streams.abortAll();
    await expect.poll(() => srv.hub.stats(), { timeout: 4_000 }).toEqual({ symbols: 0, openFeeds: 0, subscribers: 0 });
  });

  it("when a Watch starts with or adds a symbol that has quotes, then its history comes before its first quote", async () => {
    const srv = await start();
    await warm(srv);
    const watch = reader(srv.client.watch({ symbols: ["BTCUSD"] }, { signal: streams.next() }));
    const opening = await watch((seen) => quotes(seen).length === 1);
    expect(casesOf(opening)).toEqual(["started", "history", "quote"]);
    expect(histories(opening)[0]!.quotes).toHaveLength(3);
    const { watchId } = opening[0]!.value as { watchId: string };
    const readSoFar = opening.length;

    const eth = reader(srv.client.streamPrice({ symbol: "ETHUSD" }, { signal: streams.next() }));
    await eth((seen) => seen.some((e) => e.case === "status"));
    source.open("ETHUSD")!.emit("3456.78", new Date(), { change: "12.00", changePercent: "0.35" });
    await eth((seen) => quotes(seen).length === 1);
    await srv.client.updateWatch({ watchId, add: ["ETHUSD"] });
    const added = await watch((seen) => quotes(seen).some((q) => q.symbol === "ETHUSD"));
    const forEth = added.slice(readSoFar).filter((e) => (e.value as { symbol?: string }).symbol === "ETHUSD");
    expect(casesOf(forEth)).toEqual(["history", "quote"]);
    expect(histories(forEth)[0]!.quotes.map((q) => q.change)).toEqual(["12.00"]);

    streams.abortAll();
    await expect.poll(() => srv.hub.stats().subscribers, { timeout: 4_000 }).toBe(0);
    expect(source.openCount()).toBe(0);
  });
});
