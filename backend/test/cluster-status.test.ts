/**
 * What operators see of the cluster, over real HTTP: two real server processes (demo mode,
 * headless) sharing one real redis-server, with an API token. Readiness shows each instance's own
 * view (owned, watched, Redis up or down) next to the browser's; /metrics shows what this instance
 * owns; /status/cluster shows the whole cluster's owners from Redis, the same on every instance;
 * StatusService's GetStatus names each symbol's owner.
 */
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService, type StreamPriceResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { REDIS_SERVER, startTestRedis, type TestRedis } from "@crypto-stream/test-support/redis-server";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer } from "@crypto-stream/test-support/test-server";

if (!REDIS_SERVER) console.warn("SKIPPED cluster status test: redis-server is not installed (apt-get install redis-server)");

const TOKEN = "cluster-status-test-token";
const SYMBOL = "BINANCE:BTCUSD";
const auth = { authorization: `Bearer ${TOKEN}` };

interface Readiness {
  status: string;
  reason?: string;
  browser: string;
  redis?: string;
  cluster?: { instanceId: string; redis: string; ownedSymbols: number; watchedSymbols: number };
}

async function readiness(server: ServerProcess): Promise<{ code: number; body: Readiness }> {
  const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
  return { code: res.status, body: (await res.json()) as Readiness };
}

/** clusterStatus asks /status/cluster; the timeout only stops a hung test, the server bounds its own wait. */
async function clusterStatus(server: ServerProcess, headers: Record<string, string> = auth): Promise<{ code: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/status/cluster`, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { code: res.status, body: res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

/** series lists the lines of a /metrics text for one metric name, without its HELP and TYPE. */
async function series(server: ServerProcess, name: string): Promise<string[]> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: auth, signal: AbortSignal.timeout(5_000) })).text();
  return text.split("\n").filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

/** follow reads a stream in the background for as long as it is open. */
function follow(stream: AsyncIterable<StreamPriceResponse>): Promise<void> {
  return new Promise((firstQuote, failed) => {
    void (async () => {
      for await (const message of stream) if (message.event.case === "quote") firstQuote();
    })().catch(failed);
  });
}

describe.skipIf(!REDIS_SERVER)("the cluster's status over HTTP, two server processes over one Redis", () => {
  let redis: TestRedis;
  let inspect: Redis;
  let a: ServerProcess;
  let b: ServerProcess;
  const servers: ServerProcess[] = [];
  const streams = new AbortController();

  beforeAll(async () => {
    redis = await startTestRedis();
    inspect = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    inspect.on("error", () => {}); // Redis is stopped on purpose below
    await inspect.connect();
    const env = (id: string) => ({
      REDIS_URL: redis.url,
      INSTANCE_ID: id,
      API_TOKEN: TOKEN,
      HEADLESS: "true",
      SIM_TICK_MS: "200",
      // Long enough that a starved process still renews in time: with 2 s, a loaded machine let the
      // lease lapse between two tests and the other instance took the symbol over.
      CLUSTER_LEASE_TTL_MS: "10000",
      CLUSTER_INTEREST_TTL_MS: "15000",
    });
    const started = await Promise.allSettled([startServerProcess({ env: env("a") }), startServerProcess({ env: env("b") })]);
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    const failure = started.find((s) => s.status === "rejected");
    if (failure) throw failure.reason;
    [a, b] = servers as [ServerProcess, ServerProcess];

    const withToken: Interceptor = (next) => (req) => {
      req.header.set("authorization", auth.authorization);
      return next(req);
    };
    const client = (server: ServerProcess) =>
      createClient(PriceService, createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", interceptors: [withToken] }));
    // a's client comes first, so a takes the lease and reads the page; b relays.
    await follow(client(a).streamPrice({ symbol: "BTCUSD" }, { signal: streams.signal }));
    await follow(client(b).streamPrice({ symbol: "BTCUSD" }, { signal: streams.signal }));
  }, 120_000);

  afterAll(async () => {
    streams.abort();
    await Promise.all(servers.map((server) => server.stop()));
    inspect?.disconnect();
    await redis?.stop();
  });

  it("when both hold a symbol, then the owner's /readyz counts it as owned and the other's as watched, not owned, naming no symbol", async () => {
    const onA = await readiness(a);
    const onB = await readiness(b);
    expect(onA.code).toBe(200);
    expect(onA.body).toMatchObject({ status: "ready", browser: "up", redis: "up" });
    expect(onA.body.reason).toBeUndefined();
    expect(onA.body.cluster).toEqual({ instanceId: "a", redis: "up", ownedSymbols: 1, watchedSymbols: 1 });
    expect(onB.code).toBe(200);
    expect(onB.body.cluster).toEqual({ instanceId: "b", redis: "up", ownedSymbols: 0, watchedSymbols: 1 });
  });

  it("when /metrics is scraped, then the owner shows the symbol owned and the other owns nothing", async () => {
    expect(await series(a, "cryptostream_cluster_symbol_owned")).toEqual([`cryptostream_cluster_symbol_owned{instance_id="a",symbol="${SYMBOL}"} 1`]);
    expect(await series(a, "cryptostream_cluster_owned_symbols")).toEqual(['cryptostream_cluster_owned_symbols{instance_id="a"} 1']);
    expect(await series(a, "cryptostream_cluster_redis_up")).toEqual(['cryptostream_cluster_redis_up{instance_id="a"} 1']);
    expect(await series(b, "cryptostream_cluster_symbol_owned")).toEqual([]);
    expect(await series(b, "cryptostream_cluster_owned_symbols")).toEqual(['cryptostream_cluster_owned_symbols{instance_id="b"} 0']);
    expect(await series(b, "cryptostream_cluster_watched_symbols")).toEqual(['cryptostream_cluster_watched_symbols{instance_id="b"} 1']);
  });

  it("when /status/cluster is asked on either instance, then both name the same owner; without the token it is 401", async () => {
    const onA = await clusterStatus(a);
    const onB = await clusterStatus(b);
    expect(onA.code).toBe(200);
    expect(onA.body.owners).toEqual({ [SYMBOL]: "a" });
    expect(onB.body.owners).toEqual(onA.body.owners);
    expect(onA.body.instance).toMatchObject({ instanceId: "a", owned: [SYMBOL] });
    expect(onB.body.instance).toMatchObject({ instanceId: "b", owned: [], watched: [SYMBOL] });
    expect((await clusterStatus(a, {})).code).toBe(401);
  });

  it("when GetStatus is asked on either instance, then the symbol names the same owner and only the owner has its page open", async () => {
    const withToken: Interceptor = (next) => (req) => {
      req.header.set("authorization", auth.authorization);
      return next(req);
    };
    const status = (server: ServerProcess) =>
      createClient(StatusService, createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", interceptors: [withToken] })).getStatus({});
    const [onA, onB] = await Promise.all([status(a), status(b)]);
    expect(onA.server?.instanceId).toBe("a");
    expect(onA.symbols.map((s) => [s.symbol, s.subscribers, s.ownerInstanceId])).toEqual([["BTCUSD", 1, "a"]]);
    expect(onB.symbols.map((s) => [s.symbol, s.subscribers, s.ownerInstanceId])).toEqual([["BTCUSD", 1, "a"]]);
    expect(onA.symbols[0]?.pageOpenedAt).toBeDefined();
    expect(onB.symbols[0]?.pageOpenedAt).toBeUndefined();
  });

  it("when Redis stops, then /readyz is 503 with redis down and browser up, and /status/cluster answers 503; when it is back, one owner again", async () => {
    await redis.stop();
    for (const server of [a, b]) {
      await expect.poll(async () => (await readiness(server)).code === 503, { timeout: 10_000, message: `${server.url}/readyz to turn 503` }).toBe(true);
      const { body } = await readiness(server);
      expect(body).toMatchObject({ status: "not ready", browser: "up", redis: "down", cluster: { redis: "down" } });
      expect(body.reason).toContain("cannot reach Redis");
      const status = await clusterStatus(server);
      expect(status.code).toBe(503);
      expect(status.body).toMatchObject({ error: "redis_unavailable", instance: { redis: "down" } });
    }
    expect(await series(a, "cryptostream_cluster_redis_up")).toEqual(['cryptostream_cluster_redis_up{instance_id="a"} 0']);

    await redis.start();
    for (const server of [a, b]) await expect.poll(async () => (await readiness(server)).code === 200, { timeout: 15_000, message: `${server.url}/readyz to turn 200` }).toBe(true);
    // The lease may have lapsed while Redis was gone; whoever holds it now, both must say the same.
    await expect.poll(async () => Object.keys((await clusterStatus(a)).body.owners ?? {}).length === 1, { timeout: 15_000, message: "one owner after Redis is back" }).toBe(true);
    const owners = (await clusterStatus(a)).body.owners as Record<string, string>;
    expect(["a", "b"]).toContain(owners[SYMBOL]);
    expect((await clusterStatus(b)).body.owners).toEqual(owners);
  });

  it("when the clients leave and both instances stop, then nothing is left in Redis and both exit 0 without errors", async () => {
    streams.abort();
    await expect.poll(async () => (await inspect.keys("*").catch(() => ["(unreachable)"])).length === 0, { timeout: 30_000, message: "no keys left in Redis" }).toBe(true);
    const stopped = servers.splice(0);
    expect(await Promise.all(stopped.map((server) => server.stop()))).toEqual([0, 0]);
    expect(stopped.flatMap((server) => server.leftovers())).toEqual([]);
    expect(a.logs() + b.logs()).not.toContain('"level":"error"');
  });
});

describe("an instance without REDIS_URL", () => {
  it("when it runs alone, then /readyz has no cluster or redis field and /status/cluster says so with 404", async () => {
    const source = createFakeSource();
    const server = await startTestServer({ source });
    try {
      const ready = (await (await fetch(`${server.baseUrl}/readyz`)).json()) as Record<string, unknown>;
      expect(ready).toMatchObject({ status: "ready", browser: "up" });
      expect(ready).not.toHaveProperty("redis");
      expect(ready).not.toHaveProperty("cluster");
      const status = await fetch(`${server.baseUrl}/status/cluster`);
      expect(status.status).toBe(404);
      expect(await status.json()).toMatchObject({ error: "not_clustered" });
    } finally {
      await server.close();
      await source.close();
    }
  });
});
