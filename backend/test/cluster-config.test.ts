/** The cluster's settings: unset means alone; wrong values stop the server, naming what to fix. */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

function problems(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("cluster configuration", () => {
  it("when REDIS_URL is unset, then the instance runs alone with the default TTLs", () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.instanceId).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(config).toMatchObject({ clusterLeaseTtlMs: 5_000, clusterInterestTtlMs: 15_000 });
  });

  it("when the cluster is configured, then its settings are read", () => {
    const env = { REDIS_URL: "redis://:pw@redis:6379/2", INSTANCE_ID: "stream-a", CLUSTER_LEASE_TTL_MS: "2000", CLUSTER_INTEREST_TTL_MS: "6000" };
    expect(loadConfig(env)).toMatchObject({ redisUrl: "redis://:pw@redis:6379/2", instanceId: "stream-a", clusterLeaseTtlMs: 2_000, clusterInterestTtlMs: 6_000 });
  });

  it("when REDIS_URL is not a redis URL, then the error says what to use and never echoes the value", () => {
    const message = problems({ REDIS_URL: "http://user:hunter2@redis:6379" });
    expect(message).toContain("REDIS_URL: use a URL such as redis://127.0.0.1:6379");
    expect(message).not.toContain("hunter2");
  });

  it("when INSTANCE_ID or a TTL is out of shape, then each is named", () => {
    const message = problems({ INSTANCE_ID: "a|b", CLUSTER_LEASE_TTL_MS: "100", CLUSTER_INTEREST_TTL_MS: "soon" });
    expect(message).toContain('INSTANCE_ID="a|b"');
    expect(message).toContain("CLUSTER_LEASE_TTL_MS");
    expect(message).toContain("CLUSTER_INTEREST_TTL_MS");
  });
});
