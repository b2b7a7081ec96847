/**
 * The server owns its signals: SIGINT (Ctrl-C), SIGTERM and SIGHUP each stop it cleanly, as a
 * real process in a cluster of one over a real Redis, with a stream open on each serving path
 * and a request half sent: exit 0, `server.stopped` logged, its leases handed over (none left in
 * Redis), and no relaunch of the browser on the way out. Playwright's own handlers, left in
 * place, made SIGINT exit 130 before any of that, and SIGTERM kill Chromium under the server.
 */
import { request } from "node:http";
import { Redis } from "ioredis";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { alive, descendants } from "@crypto-stream/test-support/processes";
import { REDIS_SERVER, startTestRedis, type TestRedis } from "@crypto-stream/test-support/redis-server";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { envelope } from "@crypto-stream/test-support/envelope";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LEASE_PATTERN } from "../src/cluster/keys.js";

if (!REDIS_SERVER) console.warn("SKIPPED signal tests: redis-server is not installed (apt-get install redis-server)");

const ORIGIN = "http://grid.example";
let redis: TestRedis;
let inspect: Redis;
let server: ServerProcess | undefined;

beforeAll(async () => {
  if (!REDIS_SERVER) return;
  redis = await startTestRedis();
  inspect = new Redis(redis.url);
});

afterAll(async () => {
  inspect?.disconnect();
  await redis?.stop();
});

afterEach(() => {
  server?.kill();
  server = undefined;
});

/** directWatch opens a Watch on the direct path (raw, no Origin) and resolves once its first bytes came. */
function directWatch(baseUrl: string, symbol: string): Promise<{ ended: Promise<string> }> {
  const frame = envelope({ symbols: [symbol] });
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/cryptostream.v1.PriceService/Watch`, {
      method: "POST",
      headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" },
    });
    req.on("error", reject);
    req.once("response", (res) => {
      let body = "";
      const ended = new Promise<string>((done) => {
        res.on("end", () => done(body));
        res.on("error", () => done(body));
      });
      res.once("data", () => resolve({ ended }));
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
    });
    req.end(frame);
  });
}

/** halfSent sends a Watch's headers and half its body, and never the rest. */
function halfSent(baseUrl: string): void {
  const req = request(`${baseUrl}/cryptostream.v1.PriceService/Watch`, {
    method: "POST",
    headers: { "content-type": "application/connect+json", "connect-protocol-version": "1", "content-length": "100" },
  });
  req.on("error", () => {});
  req.write(Buffer.from([0, 0, 0, 0, 95, 123]));
}

const logged = (server: ServerProcess, event: string) => server.logs().split("\n").filter((line) => line.includes(`"event":"${event}"`));

describe.skipIf(!REDIS_SERVER)("signals", () => {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    it(`when it gets ${signal} with streams open on both paths and a request half sent, in a cluster, then it exits 0, logs server.stopped, hands its leases over and relaunches nothing`, async () => {
      server = await startServerProcess({
        env: { HEADLESS: "true", LOG_LEVEL: "info", SIM_TICK_MS: "200", SHUTDOWN_TIMEOUT_MS: "15000", REDIS_URL: redis.url, ALLOWED_ORIGINS: ORIGIN, INSTANCE_ID: `signal-${signal}` },
      });
      const client = createClient(PriceService, createConnectTransport({ baseUrl: server.url, httpVersion: "1.1" }));
      // A browser origin in ALLOWED_ORIGINS needs CORS, which the direct path leaves to Connect.
      const connectStream = client.streamPrice({ symbol: "BTCUSD" }, { headers: { origin: ORIGIN } })[Symbol.asyncIterator]();
      let message = await connectStream.next();
      while (message.value?.event.case !== "quote") message = await connectStream.next();
      const direct = await directWatch(server.url, "ETHUSD");
      halfSent(server.url);
      await expect.poll(async () => (await inspect.keys(LEASE_PATTERN)).length, { timeout: 10_000 }).toBe(2);
      const processes = descendants(server.pid);

      server.child.kill(signal);
      const ending = (async () => {
        for (;;) if ((await connectStream.next()).done) return undefined;
      })().catch((error: unknown) => ConnectError.from(error));
      expect((await ending)?.code).toBe(Code.Unavailable);
      expect(await direct.ended).toContain("unavailable");
      expect(await server.exited).toBe(0);
      expect(logged(server, "server.stopped")).toHaveLength(1);
      expect(logged(server, "browser.disconnected")).toEqual([]);
      expect(logged(server, "browser.launched")).toHaveLength(1);
      expect(await inspect.keys(LEASE_PATTERN)).toEqual([]);
      expect(processes.filter(alive)).toEqual([]);
    }, 90_000);
  }
});
