/**
 * The operator's endpoints over real HTTP (fake price source, a stand-in for the cluster): what
 * readiness says in a cluster, and that it says no more than status and counts.
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
