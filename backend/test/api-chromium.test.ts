/**
 * The API over real HTTP with a connect-node client, the real scraper in real Chromium, and the
 * TradingView look-alike on loopback: the whole backend but for the process around it.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import type { StreamPriceResponse, WatchResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Scraper } from "../src/scraper/index.js";
import type { SimMarket } from "../src/sim/index.js";
import { startLiveTestServer, type LiveTestServer } from "@crypto-stream/test-support/live-test-server";
import type { TestServer } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";

let live: LiveTestServer;
let market: SimMarket;
let scraper: Scraper;
let server: TestServer;
const streams = new StreamSignals();

beforeAll(async () => {
  live = await startLiveTestServer();
  ({ market, scraper, server } = live);
});

afterEach(async () => {
  streams.abortAll();
  await expect.poll(() => server.hub.stats().symbols === 0 && scraper.openPageCount() === 0, { timeout: 20_000 }).toBe(true).catch((error: unknown) => {
    throw new Error(`left behind: ${JSON.stringify({ ...server.hub.stats(), pages: scraper.openPageCount() })}`, { cause: error });
  });
});

afterAll(async () => {
  expect(await live.close()).toEqual([]);
});

const signal = (): AbortSignal => streams.next();


async function firstQuote(stream: AsyncIterable<StreamPriceResponse>) {
  const before: string[] = [];
  for await (const message of stream) {
    if (message.event.case === "quote") return { quote: message.event.value, before };
    before.push(message.event.case ?? "");
  }
  throw new Error("stream ended without a quote");
}

describe("the API over the real scraper", () => {
  it("when two clients stream one symbol, then they share one page and the second gets the history and cached quote at once", async () => {
    market.pause("BTCUSD", true);
    market.setPrice("BTCUSD", "65432.10");
    const change = market.currentChange("BTCUSD")!;
    const first = await firstQuote(server.client.streamPrice({ symbol: "BTCUSD" }, { signal: signal() }));
    expect(first.quote).toMatchObject({ price: "65432.10", change: change.value, changePercent: change.percent });
    const views = market.pageViews("BTCUSD");

    const second = await firstQuote(server.client.streamPrice({ symbol: "btcusd" }, { signal: signal() }));
    expect(second.quote).toMatchObject({ symbol: "BTCUSD", price: "65432.10", change: change.value });
    expect(second.before).toContain("history");
    expect(scraper.openPageCount()).toBe(1);
    expect(market.pageViews("BTCUSD")).toBe(views);
    market.pause("BTCUSD", false);
  });

  it("when the client aborts, then the subscription is released and the page closes", async () => {
    const controller = new AbortController();
    await firstQuote(server.client.streamPrice({ symbol: "ETHUSD" }, { signal: controller.signal }));
    expect(market.openConnections("ETHUSD")).toBe(1);
    controller.abort();
    await expect.poll(() => scraper.openPageCount() === 0 && market.openConnections("ETHUSD") === 0, { timeout: 20_000 }).toBe(true);
    expect(server.hub.stats()).toMatchObject({ symbols: 0, subscribers: 0 });
  });

  it("when the symbol is unknown, then NOT_FOUND and no page is left", async () => {
    const error = await firstQuote(server.client.streamPrice({ symbol: "NOSUCHCOIN" })).catch((e: unknown) =>
      ConnectError.from(e),
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.NotFound);
    await expect.poll(() => scraper.openPageCount() === 0, { timeout: 20_000 }).toBe(true);
  });

  it("when one Watch carries 8 symbols, then each shows a price and UpdateWatch adds and removes pages", async () => {
    const symbols = ["ADAUSD", "AVAXUSD", "BTCUSD", "DOGEUSD", "ETHUSD", "LINKUSD", "SOLUSD", "XRPUSD"];
    const stream = server.client.watch({ symbols }, { signal: signal() })[Symbol.asyncIterator]();
    const started = (await stream.next()).value as WatchResponse;
    expect(started.event.case).toBe("started");
    const watchId = started.event.case === "started" ? started.event.value.watchId : "";
    const priced = new Set<string>();
    const readUntil = async (want: (s: Set<string>) => boolean) => {
      while (!want(priced)) {
        const { value } = (await stream.next()) as { value: WatchResponse };
        if (value.event.case === "quote") priced.add(value.event.value.symbol);
      }
    };
    await readUntil((s) => symbols.every((symbol) => s.has(symbol)));
    expect(scraper.openPageCount()).toBe(8);

    const updated = await server.client.updateWatch({ watchId, add: ["LTCUSD"], remove: ["BTCUSD", "ETHUSD"] });
    expect(updated.symbols).toHaveLength(7);
    await expect.poll(() => scraper.openPageCount() === 7 && market.openConnections("BTCUSD") === 0, { timeout: 20_000 }).toBe(true);
    priced.clear();
    await readUntil((s) => s.has("LTCUSD"));
  });
});
