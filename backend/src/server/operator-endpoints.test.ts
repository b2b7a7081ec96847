/**
 * The operator's endpoints and GetStatus over real HTTP (fake price source, a stand-in for the
 * cluster): what readiness says in a cluster (no more than status and counts), and that GetStatus
 * scans the cluster's owners at most about once a second however often it is asked.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import type { ClusterProbe } from "../cluster/index.js";

const TOKEN = "operator-endpoints-token";
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** cluster is an instance that owns one symbol and watches two; owners() is what /status/cluster reads. */
const cluster: ClusterProbe = {
  status: () => ({ instanceId: "a", redis: "up", owned: ["BINANCE:SECRETCOIN"], watched: ["BINANCE:SECRETCOIN", "COINBASE:OTHERCOIN"] }),
  owners: () => Promise.resolve({ "BINANCE:SECRETCOIN": "a" }),
};

describe("readiness in a cluster", () => {
  it("when /readyz is asked in cluster mode with a token set, then it says status and counts, never which symbols", async () => {
    server = await startTestServer({ source: createFakeSource(), cluster, apiToken: TOKEN });
    const res = await fetch(`${server.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: "ready", redis: "up", cluster: { instanceId: "a", redis: "up", ownedSymbols: 1, watchedSymbols: 2 } });
    expect(text).not.toMatch(/SECRETCOIN|OTHERCOIN/);
    // What is watched is the operator's to read, behind the token.
    expect((await fetch(`${server.baseUrl}/status/cluster`)).status).toBe(401);
    const status = await fetch(`${server.baseUrl}/status/cluster`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await status.json()).toMatchObject({ owners: { "BINANCE:SECRETCOIN": "a" }, instance: { owned: ["BINANCE:SECRETCOIN"] } });
  });
});

describe("GetStatus in a cluster", () => {
  it("when GetStatus is asked 10 times at once, then the cluster's owners are scanned once, and again after a second", async () => {
    let scans = 0;
    const counted: ClusterProbe = { ...cluster, owners: () => ((scans += 1), cluster.owners()) };
    server = await startTestServer({ source: createFakeSource((feed) => queueMicrotask(() => feed.state("live"))), cluster: counted });
    const watching = new AbortController();
    const stream = server.client.watch({ symbols: ["SECRETCOIN"] }, { signal: watching.signal })[Symbol.asyncIterator]();
    await stream.next();
    const asked = await Promise.all(Array.from({ length: 10 }, () => server!.status.getStatus({})));
    expect(asked.every((status) => status.symbols[0]?.symbol === "SECRETCOIN")).toBe(true);
    expect(scans).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await server.status.getStatus({});
    expect(scans).toBe(2);
    watching.abort();
  });
});

describe("clients behind a trusted proxy", () => {
  it("when TRUSTED_PROXY is set, then X-Forwarded-For names the client, and IPv6 clients in one /64 share one stream cap", async () => {
    server = await startTestServer({ source: createFakeSource((feed) => queueMicrotask(() => feed.state("live"))), trustedProxy: true, maxStreamsPerClient: 2 });
    const { client } = server;
    const as = (address: string) => ({ headers: { "x-forwarded-for": `203.0.113.9, ${address}` } });
    const streams: AbortController[] = [];
    const open = async (address: string) => {
      const controller = new AbortController();
      streams.push(controller);
      return client.streamPrice({ symbol: "BTCUSD" }, { ...as(address), signal: controller.signal })[Symbol.asyncIterator]().next().then(
        () => "open",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    };
    expect(await open("2001:db8:1:2::1")).toBe("open");
    expect(await open("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("open");
    expect(await open("2001:0db8:0001:0002::ffff")).toContain("MAX_STREAMS_PER_CLIENT");
    // Another /64, and an IPv4 client, are other clients.
    expect(await open("2001:db8:1:3::1")).toBe("open");
    expect(await open("198.51.100.7")).toBe("open");
    for (const controller of streams) controller.abort();
  });
});
