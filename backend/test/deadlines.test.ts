/**
 * Deadlines on both serving paths: a deadline past what a Node timer holds (2³¹−1 ms, about 24.8
 * days) is a long deadline, not an instant one; a short one still ends the stream on time.
 */
import { request, type IncomingHttpHeaders } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { envelope } from "@crypto-stream/test-support/envelope";

const ORIGIN = "http://grid.example";
let server: TestServer | undefined;
const open: (() => void)[] = [];

afterEach(async () => {
  for (const close of open.splice(0)) close();
  await server?.close();
  server = undefined;
});

interface Call {
  /** ended is true once the response ended; body is what arrived, as text. */
  readonly state: () => { ended: boolean; body: string; headers: IncomingHttpHeaders | undefined };
}

/** watch opens a raw Watch; `origin` sends it through Connect (a foreign origin needs CORS), none through the direct path. */
function watch(baseUrl: string, contentType: string, headers: Record<string, string>, origin?: string): Call {
  const frame = envelope({ symbols: ["BTCUSD"] });
  let ended = false;
  let body = "";
  let got: IncomingHttpHeaders | undefined;
  const req = request(`${baseUrl}/cryptostream.v1.PriceService/Watch`, {
    method: "POST",
    headers: { "content-type": contentType, "connect-protocol-version": "1", ...(origin ? { origin } : {}), ...headers },
  });
  req.on("error", () => {});
  req.once("response", (res) => {
    got = { ...res.headers };
    res.on("data", (chunk: Buffer) => (body += chunk.toString("latin1")));
    res.on("end", () => {
      ended = true;
      Object.assign(got!, res.trailers);
    });
    res.on("error", () => {});
  });
  req.end(frame);
  open.push(() => req.destroy());
  return { state: () => ({ ended, body, headers: got }) };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("deadlines", () => {
  for (const [path, origin] of [["direct", undefined], ["Connect", ORIGIN]] as const) {
    it(`when a deadline is past 2^31-1 ms on the ${path} path, then the stream stays open; a short one still ends DEADLINE_EXCEEDED`, async () => {
      server = await startTestServer({ source: createFakeSource((feed) => queueMicrotask(() => feed.state("live"))), allowedOrigins: [ORIGIN] });
      const taken = server.direct.taken;
      const long = [
        watch(server.baseUrl, "application/connect+json", { "connect-timeout-ms": "9999999999" }, origin),
        watch(server.baseUrl, "application/connect+json", { "connect-timeout-ms": String(2 ** 31) }, origin),
        watch(server.baseUrl, "application/connect+json", { "connect-timeout-ms": String(2 ** 31 - 1) }, origin),
        watch(server.baseUrl, "application/grpc-web+json", { "grpc-timeout": "99999999H" }, origin),
      ];
      const short = watch(server.baseUrl, "application/connect+json", { "connect-timeout-ms": "300" }, origin);
      await settle(1_000);
      for (const call of long) {
        expect(call.state().ended).toBe(false);
        expect(call.state().headers?.["grpc-status"]).toBeUndefined();
        expect(call.state().body).not.toMatch(/deadline|timeout/i);
      }
      expect(short.state().ended).toBe(true);
      expect(short.state().body).toContain("deadline_exceeded");
      expect(server.direct.taken - taken).toBe(origin ? 0 : 5);
    });
  }
});
