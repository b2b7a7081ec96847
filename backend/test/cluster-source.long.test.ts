/**
 * The cluster source with two and three instances in one process over one real redis-server,
 * each over its own fake local source: who opens the page, what every instance's hub sink sees,
 * failover, Redis restarts, and that nothing is left in Redis afterwards.
 */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClusterSource, RedisUnavailableError, type ClusterSource } from "../src/cluster/index.js";
import { REDIS_SERVER, startTestRedis, type TestRedis } from "@crypto-stream/test-support/redis-server";
import type { FeedSink, FeedState } from "../src/hub/price-source.js";
import { createLogger, type Logger } from "../src/log.js";
import { parseSymbol } from "../src/symbols/symbol.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { freePort } from "@crypto-stream/test-support/free-port";

const LEASE_TTL_MS = 1_500;
const INTEREST_TTL_MS = 3_000;
const BTC = parseSymbol("BTCUSD");
const ETH = parseSymbol("COINBASE:ETHUSD");

if (!REDIS_SERVER) console.warn("SKIPPED cluster tests: redis-server is not installed (apt-get install redis-server)");

interface Instance {
  readonly id: string;
  readonly fake: FakeSource;
  readonly source: ClusterSource;
  readonly logs: string[];
}

/** Recorder is a hub-like sink that also checks the contract: no price twice in a row. */
interface Recorder extends FeedSink {
  readonly prices: string[];
  readonly states: FeedState[];
  readonly details: string[];
}

function recorder(): Recorder {
  const rec: Recorder = {
    prices: [],
    states: [],
    details: [],
    observation: ({ price }) => {
      expect(price, "the same price twice in a row").not.toBe(rec.prices.at(-1));
      rec.prices.push(price);
    },
    state: (state, detail) => {
      rec.states.push(state);
      rec.details.push(detail ?? "");
    },
  };
  return rec;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!REDIS_SERVER)("the cluster source over a real Redis", () => {
  let redis: TestRedis;
  let inspect: Redis;
  const instances: Instance[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    inspect = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    inspect.on("error", () => {}); // down on purpose in the restart tests
    await inspect.connect();
  });

  afterAll(async () => {
    inspect.disconnect();
    await redis?.stop();
  });

  afterEach(async () => {
    await Promise.all(instances.splice(0).map((instance) => instance.source.close()));
    await expect.poll(async () => (await keys()).length === 0, { timeout: INTEREST_TTL_MS * 2, message: "no keys left in Redis" }).toBe(true).catch(async (error: unknown) => {
      throw new Error(`left in Redis: ${(await keys()).join(", ")}`, { cause: error });
    });
  });

  async function keys(): Promise<string[]> {
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await inspect.scan(cursor, "MATCH", "*", "COUNT", 100);
      cursor = next;
      found.push(...batch);
    } while (cursor !== "0");
    return found.sort();
  }

  async function start(id: string, options: { live?: boolean } = {}): Promise<Instance> {
    const logs: string[] = [];
    const logger: Logger = createLogger({ level: "debug", sink: (line) => logs.push(line) });
    const fake = createFakeSource((feed) => options.live !== false && feed.state("live"));
    const source = await createClusterSource({
      redisUrl: redis.url,
      instanceId: id,
      local: fake,
      leaseTtlMs: LEASE_TTL_MS,
      interestTtlMs: INTEREST_TTL_MS,
      logger,
    });
    const instance = { id, fake, source, logs };
    instances.push(instance);
    return instance;
  }

  /** pages counts the pages open now across `all` instances. */
  const pages = (all: Instance[], id = "BTCUSD") => all.filter((i) => i.fake.open(id)).length;
  const ownerOf = (all: Instance[], id = "BTCUSD") => all.find((i) => i.fake.open(id));
  const logged = (instance: Instance, event: string) => instance.logs.filter((line) => line.includes(`"event":"${event}"`));

  it("when three instances watch one symbol, then one page opens cluster-wide and all three get its quotes", async () => {
    const all = [await start("a"), await start("b"), await start("c")];
    const recs = all.map(() => recorder());
    const feeds = all.map((instance, i) => instance.source.watch(BTC, recs[i]!));
    await expect.poll(() => recs.every((rec) => rec.states.includes("live")), { timeout: 10_000, message: "every instance live" }).toBe(true);
    await pause(LEASE_TTL_MS);
    expect(pages(all)).toBe(1);
    expect(all.reduce((n, i) => n + i.fake.feeds.length, 0)).toBe(1);

    const owner = ownerOf(all)!;
    owner.fake.open("BTCUSD")!.emit("97123.45");
    owner.fake.open("BTCUSD")!.emit("97124.00");
    await expect.poll(() => recs.every((rec) => rec.prices.length === 2), { timeout: 10_000, message: "two quotes on every instance" }).toBe(true);
    for (const rec of recs) expect(rec.prices).toEqual(["97123.45", "97124.00"]);
    expect(owner.source.status().owned).toEqual(["BINANCE:BTCUSD"]);
    expect(await all[0]!.source.owners()).toEqual({ "BINANCE:BTCUSD": owner.id });
    expect(logged(owner, "cluster.lease_acquired")).toHaveLength(1);

    await Promise.all(feeds.map((feed) => feed.close()));
    expect(pages(all)).toBe(0);
    expect(await keys()).toEqual([]);
  });

  it("when a symbol is live on one instance, then another gets the cached quote at once and opens no page", async () => {
    const a = await start("a");
    const recA = recorder();
    const feedA = a.source.watch(BTC, recA);
    await expect.poll(() => recA.states.includes("live"), { timeout: 10_000, message: "a live" }).toBe(true);
    a.fake.open("BTCUSD")!.emit("65432.10");
    await expect.poll(() => recA.prices.length === 1, { timeout: 10_000, message: "a's quote" }).toBe(true);

    const b = await start("b");
    const recB = recorder();
    const opened = Date.now();
    const feedB = b.source.watch(BTC, recB);
    await expect.poll(() => recB.prices.length === 1, { timeout: 10_000, message: "the cached quote on b" }).toBe(true);
    expect(Date.now() - opened).toBeLessThan(1_000);
    expect(recB.states).toEqual(["live"]);
    expect(recB.prices).toEqual(["65432.10"]);
    expect(b.fake.feeds).toHaveLength(0);
    await Promise.all([feedA.close(), feedB.close()]);
  });

  it("when the owner's last subscriber leaves, then the page stays while another instance watches, and closes when it leaves", async () => {
    const a = await start("a");
    const b = await start("b");
    const recA = recorder();
    const recB = recorder();
    const feedA = a.source.watch(BTC, recA);
    await expect.poll(() => recA.states.includes("live"), { timeout: 10_000, message: "a live" }).toBe(true);
    const feedB = b.source.watch(BTC, recB);
    await expect.poll(() => recB.states.includes("live"), { timeout: 10_000, message: "b live" }).toBe(true);
    expect(ownerOf([a, b])).toBe(a);

    await feedA.close();
    await pause(LEASE_TTL_MS);
    expect(a.fake.openCount()).toBe(1);
    a.fake.open("BTCUSD")!.emit("3000.5");
    await expect.poll(() => recB.prices.includes("3000.5"), { timeout: 10_000, message: "b still fed by a's page" }).toBe(true);
    expect(recA.prices).toEqual([]);

    await feedB.close();
    await expect.poll(() => a.fake.openCount() === 0, { timeout: 3_000, message: "a's page closed by b leaving" }).toBe(true);
    expect(b.fake.feeds).toHaveLength(0);
    expect(logged(a, "cluster.lease_released")).toHaveLength(1);
    expect(await keys()).toEqual([]);
  });

  it("when the owner dies, then one of the watching instances takes over within a few seconds: reconnecting, then live, no duplicate quote", async () => {
    const a = await start("a");
    const others = [await start("b"), await start("c")];
    const recA = recorder();
    a.source.watch(BTC, recA);
    await expect.poll(() => recA.states.includes("live"), { timeout: 10_000, message: "a live" }).toBe(true);
    const recs = others.map(() => recorder());
    const feeds = others.map((instance, i) => instance.source.watch(BTC, recs[i]!));
    a.fake.open("BTCUSD")!.emit("100.25");
    await expect.poll(() => recs.every((rec) => rec.prices.length === 1), { timeout: 10_000, message: "the first quote on b and c" }).toBe(true);

    const died = Date.now();
    a.source.abandon();
    expect(a.fake.openCount()).toBe(0);
    await expect.poll(() => pages(others) === 1, { timeout: LEASE_TTL_MS * 3, message: "b or c opening the page" }).toBe(true);
    expect(Date.now() - died).toBeLessThan(LEASE_TTL_MS + 1_500);
    const heir = ownerOf(others)!;
    heir.fake.open("BTCUSD")!.emit("100.25");
    heir.fake.open("BTCUSD")!.emit("100.50");
    await expect.poll(() => recs.every((rec) => rec.prices.length === 2), { timeout: 10_000, message: "the new page's quote on b and c" }).toBe(true);
    for (const rec of recs) {
      expect(rec.prices).toEqual(["100.25", "100.50"]);
      expect(rec.states).toEqual(["live", "reconnecting", "live"]);
    }
    expect(logged(heir, "cluster.lease_acquired")[0]).toContain('"takeover":true');
    await pause(LEASE_TTL_MS);
    expect(pages(others)).toBe(1);

    // a's interest lapses on its own; then b and c are the last ones and the page closes.
    await Promise.all(feeds.map((feed) => feed.close()));
    await expect.poll(() => pages(others) === 0, { timeout: INTEREST_TTL_MS * 2, message: "the page closed once a's interest lapsed" }).toBe(true);
  });

  it("when the owner shuts down, then another instance takes over at once instead of waiting for the lease to lapse", async () => {
    const a = await start("a");
    const b = await start("b");
    const recB = recorder();
    const feedA = a.source.watch(BTC, recorder());
    await expect.poll(() => a.fake.openCount() === 1, { timeout: 10_000, message: "a's page" }).toBe(true);
    const feedB = b.source.watch(BTC, recB);
    await expect.poll(() => recB.states.includes("live"), { timeout: 10_000, message: "b live" }).toBe(true);

    const stopped = Date.now();
    await feedA.close();
    await a.source.close();
    expect(a.fake.openCount()).toBe(0);
    await expect.poll(() => b.fake.openCount() === 1, { timeout: 10_000, message: "b's page" }).toBe(true);
    expect(Date.now() - stopped).toBeLessThan(LEASE_TTL_MS);
    await expect.poll(() => recB.states.at(-1) === "live", { timeout: 10_000, message: "b live again" }).toBe(true);
    expect(recB.states).toEqual(["live", "reconnecting", "live"]);
    await feedB.close();
  });

  it("when Redis restarts mid-stream, then feeds report it, readiness drops, and both instances recover with one page", async () => {
    const a = await start("a");
    const b = await start("b");
    const recA = recorder();
    const recB = recorder();
    const feeds = [a.source.watch(BTC, recA), b.source.watch(BTC, recB)];
    await expect.poll(() => recA.states.includes("live") && recB.states.includes("live"), { timeout: 10_000, message: "both live" }).toBe(true);
    ownerOf([a, b])!.fake.open("BTCUSD")!.emit("42.00");
    await expect.poll(() => recA.prices.length === 1 && recB.prices.length === 1, { timeout: 10_000, message: "a quote on both" }).toBe(true);

    await redis.stop();
    await expect.poll(() => recA.states.at(-1) === "reconnecting" && recB.states.at(-1) === "reconnecting", { timeout: 10_000, message: "both reconnecting" }).toBe(true);
    expect(recB.details.at(-1)).toContain("Redis is unreachable");
    expect(a.source.ready() || b.source.ready()).toBe(false);
    expect(a.source.status().redis).toBe("down");
    // Longer than the lease: the owner must let its page go, since it can no longer prove it owns it.
    await pause(LEASE_TTL_MS + 1_000);
    expect(pages([a, b])).toBe(0);

    await redis.start();
    await expect.poll(() => a.source.ready() && b.source.ready(), { timeout: 10_000, message: "both ready again" }).toBe(true);
    await expect.poll(() => pages([a, b]) === 1, { timeout: 10_000, message: "one page again" }).toBe(true);
    await expect.poll(() => recA.states.at(-1) === "live" && recB.states.at(-1) === "live", { timeout: 10_000, message: "both live again" }).toBe(true);
    ownerOf([a, b])!.fake.open("BTCUSD")!.emit("43.00");
    await expect.poll(() => recA.prices.at(-1) === "43.00" && recB.prices.at(-1) === "43.00", { timeout: 10_000, message: "a new quote on both" }).toBe(true);
    await pause(LEASE_TTL_MS);
    expect(pages([a, b])).toBe(1);
    await Promise.all(feeds.map((feed) => feed.close()));
    await expect.poll(() => pages([a, b]) === 0, { timeout: 10_000, message: "the page closed" }).toBe(true);
  });

  it("when Redis blips for less than a lease, then the owner keeps its page and the feeds go back to live", async () => {
    const a = await start("a");
    const b = await start("b");
    const recB = recorder();
    const feeds = [a.source.watch(BTC, recorder()), b.source.watch(BTC, recB)];
    await expect.poll(() => recB.states.includes("live"), { timeout: 10_000, message: "b live" }).toBe(true);
    const owner = ownerOf([a, b])!;
    owner.fake.open("BTCUSD")!.emit("7.5");
    await expect.poll(() => recB.prices.length === 1, { timeout: 10_000, message: "b's quote" }).toBe(true);

    await redis.stop();
    await expect.poll(() => recB.states.at(-1) === "reconnecting", { timeout: 10_000, message: "b reconnecting" }).toBe(true);
    await redis.start();
    await expect.poll(() => recB.states.at(-1) === "live", { timeout: 10_000, message: "b live again" }).toBe(true);
    expect(owner.fake.feeds).toHaveLength(1);
    expect(pages([a, b])).toBe(1);
    owner.fake.open("BTCUSD")!.emit("7.6");
    await expect.poll(() => recB.prices.at(-1) === "7.6", { timeout: 10_000, message: "b's next quote" }).toBe(true);
    expect(recB.prices).toEqual(["7.5", "7.6"]);
    await Promise.all(feeds.map((feed) => feed.close()));
  });

  it("when the owner's page finds no such symbol, then every instance is told, and nothing is left open", async () => {
    const a = await start("a", { live: false });
    const b = await start("b", { live: false });
    const recA = recorder();
    const recB = recorder();
    a.source.watch(ETH, recA);
    await expect.poll(() => a.fake.openCount() === 1, { timeout: 10_000, message: "a's page" }).toBe(true);
    b.source.watch(ETH, recB);
    await pause(200);
    a.fake.open("COINBASE:ETHUSD")!.state("not_found", "no such symbol");
    await expect.poll(() => recA.states.at(-1) === "not_found" && recB.states.at(-1) === "not_found", { timeout: 10_000, message: "not_found on both" }).toBe(true);
    expect(recB.details.at(-1)).toBe("no such symbol");
    expect(b.fake.feeds).toHaveLength(0);
    // No close() follows a final state (the hub drops the feed): the sources clean up by themselves.
    await expect.poll(async () => (await keys()).length === 0, { timeout: 10_000, message: "no keys left" }).toBe(true);
    expect(a.source.status().watched).toEqual([]);
  });

  it("when REDIS_URL carries a password in its query, then neither the join line nor a failure to connect shows it: host and port only", async () => {
    const logs: string[] = [];
    const source = await createClusterSource({
      redisUrl: `${redis.url}/?password=hunter2hunter2`,
      instanceId: "p",
      local: createFakeSource(),
      leaseTtlMs: LEASE_TTL_MS,
      interestTtlMs: INTEREST_TTL_MS,
      logger: createLogger({ sink: (line) => logs.push(line) }),
    });
    await source.close();
    const joined = logs.find((line) => line.includes('"event":"cluster.joined"'));
    expect(joined).toContain(`"redis":"127.0.0.1:${redis.port}"`);
    const port = await freePort();
    const error = await createClusterSource({
      redisUrl: `redis://user:pw1@127.0.0.1:${port}/0?password=hunter2hunter2`,
      instanceId: "q",
      local: createFakeSource(),
      leaseTtlMs: LEASE_TTL_MS,
      interestTtlMs: INTEREST_TTL_MS,
      logger: createLogger({ sink: (line) => logs.push(line) }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as RedisUnavailableError).url).toBe(`127.0.0.1:${port}`);
    for (const text of [...logs, String(error)]) expect(text).not.toMatch(/hunter2|pw1|user/);
  });

  it("when Redis cannot be reached at start, then creating the source fails with what to fix", async () => {
    const port = await freePort();
    const error = await createClusterSource({
      redisUrl: `redis://:secret@127.0.0.1:${port}`,
      instanceId: "x",
      local: createFakeSource(),
      leaseTtlMs: LEASE_TTL_MS,
      interestTtlMs: INTEREST_TTL_MS,
      logger: createLogger({ sink: () => {} }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(String(error)).toContain("REDIS_URL");
    expect(String(error)).toContain("ECONNREFUSED");
    expect(String(error)).not.toContain("secret");
  });
});
