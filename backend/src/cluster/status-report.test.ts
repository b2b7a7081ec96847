import { describe, expect, it } from "vitest";
import type { ClusterStatus } from "./cluster-source.js";
import { clusterReport, type ClusterProbe } from "./status-report.js";

const view: ClusterStatus = { instanceId: "a", redis: "up", owned: ["BINANCE:BTCUSD"], watched: ["BINANCE:BTCUSD"] };

function probe(owners: () => Promise<Record<string, string>>): ClusterProbe {
  return { status: () => view, owners };
}

describe("cluster status report", () => {
  it("when Redis answers, then the report holds this instance's view and the owners sorted by symbol", async () => {
    const report = await clusterReport(probe(() => Promise.resolve({ "COINBASE:ETHUSD": "b", "BINANCE:BTCUSD": "a" })));
    expect(report).toEqual({ ok: true, body: { instance: view, owners: { "BINANCE:BTCUSD": "a", "COINBASE:ETHUSD": "b" } } });
    expect(Object.keys(report.ok ? report.body.owners : {})).toEqual(["BINANCE:BTCUSD", "COINBASE:ETHUSD"]);
  });

  it("when Redis refuses, then the report says Redis is unavailable and keeps the cause for the log", async () => {
    const refused = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    const report = await clusterReport(probe(() => Promise.reject(refused)));
    expect(report).toMatchObject({ ok: false, body: { error: "redis_unavailable", instance: view }, cause: refused });
  });

  it("when Redis never answers, then the report gives up after the timeout instead of hanging", async () => {
    const report = await clusterReport(probe(() => new Promise(() => {})), 20);
    expect(report.ok).toBe(false);
    expect(report.ok ? "" : report.body.message).toContain("no answer within 20 ms");
  });
});
