/**
 * Two real server processes, as an operator runs them, sharing one redis-server: demo mode,
 * headless Chromium, each on its own port. In demo mode each instance serves its own look-alike;
 * the owner's page reads the owner's, and the other instance relays what the owner publishes.
 */
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService, type StreamPriceResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { REDIS_SERVER, startTestRedis, type TestRedis } from "@crypto-stream/test-support/redis-server";

if (!REDIS_SERVER) console.warn("SKIPPED cluster process test: redis-server is not installed (apt-get install redis-server)");

const count = (logs: string, event: string) => logs.split("\n").filter((line) => line.includes(`"event":"${event}"`)).length;

async function quotes(stream: AsyncIterable<StreamPriceResponse>, n: number): Promise<string[]> {
  const prices: string[] = [];
  for await (const message of stream) {
    if (message.event.case === "quote") prices.push(message.event.value.price);
    if (prices.length === n) return prices;
  }
  throw new Error(`the stream ended after ${prices.length} of ${n} quotes`);
}

describe.skipIf(!REDIS_SERVER)("two server processes over one Redis", () => {
  let redis: TestRedis;
  let inspect: Redis;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    inspect = new Redis(redis.url, { lazyConnect: true });
    await inspect.connect();
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    inspect?.disconnect();
    await redis?.stop();
  });

  it("when clients of both instances stream one symbol, then one page serves both and the non-owner's client gets its quotes", async () => {
    const env = (id: string) => ({
      REDIS_URL: redis.url,
      INSTANCE_ID: id,
      HEADLESS: "true",
      LOG_LEVEL: "info",
      SIM_TICK_MS: "200",
      CLUSTER_LEASE_TTL_MS: "2000",
      CLUSTER_INTEREST_TTL_MS: "4000",
    });
    const [a, b] = await Promise.all([startServerProcess({ env: env("a") }), startServerProcess({ env: env("b") })]);
    servers.push(a, b);
    const client = (server: ServerProcess) => createClient(PriceService, createConnectTransport({ baseUrl: server.url, httpVersion: "1.1" }));
    const streams = new AbortController();

    const onA = await quotes(client(a).streamPrice({ symbol: "BTCUSD" }, { signal: streams.signal }), 1);
    const onB = await quotes(client(b).streamPrice({ symbol: "BTCUSD" }, { signal: streams.signal }), 3);
    expect(onA).toHaveLength(1);
    expect(new Set(onB).size).toBe(3);

    const logs = a.logs() + b.logs();
    expect(count(logs, "page.opened")).toBe(1);
    expect(count(a.logs(), "cluster.lease_acquired")).toBe(1);
    expect(count(b.logs(), "cluster.lease_acquired")).toBe(0);
    expect(await inspect.get("crypto-stream:{BINANCE:BTCUSD}:lease")).toMatch(/^a\|/);

    streams.abort();
    await expect.poll(() => count(a.logs(), "page.closed") === 1, { timeout: 10_000, message: "the owner's page to close" }).toBe(true);
    await expect.poll(async () => (await inspect.keys("*")).length === 0, { timeout: 10_000, message: "no keys left in Redis" }).toBe(true);
    const stopped = servers.splice(0);
    expect(await Promise.all(stopped.map((server) => server.stop()))).toEqual([0, 0]);
    expect(stopped.flatMap((server) => server.leftovers())).toEqual([]);
    expect(a.logs() + b.logs()).not.toContain('"level":"error"');
    expect(count(a.logs() + b.logs(), "cluster.redis_unreachable")).toBe(0);
  });
});
