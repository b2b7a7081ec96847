/**
 * DNS rebinding: a page on evil.example whose name is rebound to 127.0.0.1 sends `Host:
 * evil.example` and `Origin: http://evil.example`, which look "same origin" to a check that
 * compares the two. The server answers only to the names it has: loopback names, IP literals,
 * and ALLOWED_HOSTS; everything else is refused before any route, on both serving paths.
 */
import { request } from "node:http";
import { connect as connectHttp2 } from "node:http2";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { envelope } from "@crypto-stream/test-support/envelope";

let server: TestServer | undefined;
const open: (() => void)[] = [];

afterEach(async () => {
  for (const close of open.splice(0)) close();
  await server?.close();
  server = undefined;
});

/** call sends one request with the given Host and Origin and resolves with the status and the first bytes of the body. */
function call(baseUrl: string, path: string, host: string, init: { method?: string; origin?: string; contentType?: string; body?: Buffer } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, {
      method: init.method ?? "GET",
      setHost: false,
      headers: {
        host,
        ...(init.origin ? { origin: init.origin } : {}),
        ...(init.contentType ? { "content-type": init.contentType, "connect-protocol-version": "1" } : {}),
      },
    });
    req.on("error", reject);
    req.once("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
        // A stream that was let in answers 200 and stays open: the first bytes are enough.
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    open.push(() => req.destroy());
    req.end(init.body);
  });
}

function watchBody(): Buffer {
  return envelope({ symbols: ["BTCUSD"] });
}

describe("the Host header", () => {
  it("when Host and Origin both name a rebound evil.example, then every path answers 421 and no page opens", async () => {
    const source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
    server = await startTestServer({ source });
    const evil = { host: "evil.example:3999", origin: "http://evil.example:3999" };
    const status = await call(server.baseUrl, "/cryptostream.v1.StatusService/GetStatus", evil.host, { method: "POST", origin: evil.origin, contentType: "application/json", body: Buffer.from("{}") });
    expect(status.status).toBe(421);
    expect(status.body).toContain("ALLOWED_HOSTS");
    const direct = await call(server.baseUrl, "/cryptostream.v1.PriceService/Watch", evil.host, { method: "POST", origin: evil.origin, contentType: "application/connect+json", body: watchBody() });
    expect(direct.status).toBe(421);
    const activity = await call(server.baseUrl, "/cryptostream.v1.StatusService/StreamActivity", evil.host, { method: "POST", origin: evil.origin, contentType: "application/connect+json", body: Buffer.from([0, 0, 0, 0, 2, 123, 125]) });
    expect(activity.status).toBe(421);
    expect((await call(server.baseUrl, "/", evil.host, { origin: evil.origin })).status).toBe(421);
    expect(source.feeds).toHaveLength(0);
  });

  it("when Host is a loopback name, an IP literal or in ALLOWED_HOSTS, then it is served; a name not listed is refused", async () => {
    const source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
    server = await startTestServer({ source, allowedHosts: ["prices.example.com"] });
    const port = new URL(server.baseUrl).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "10.1.2.3:3000", `PRICES.example.com:${port}`, "prices.example.com"]) {
      const res = await call(server.baseUrl, "/cryptostream.v1.StatusService/GetStatus", host, { method: "POST", contentType: "application/json", body: Buffer.from("{}") });
      expect(res.status, host).toBe(200);
    }
    const watch = await call(server.baseUrl, "/cryptostream.v1.PriceService/Watch", `localhost:${port}`, { method: "POST", origin: `http://localhost:${port}`, contentType: "application/connect+json", body: watchBody() });
    expect(watch.status).toBe(200);
    for (const host of ["other.example.com", "prices.example.com.evil.example", "", "localhost.evil.example"]) {
      expect((await call(server.baseUrl, "/healthz", host)).status, host).toBe(421);
    }
  });

  it("when an HTTP/2 request names a rebound evil.example in :authority, then it is answered 421 and the connection goes on serving", async () => {
    const source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
    server = await startTestServer({ source });
    const session = connectHttp2(server.baseUrl);
    open.push(() => session.destroy());
    const ask = (authority: string) =>
      new Promise<number>((resolve, reject) => {
        const stream = session.request({
          ":method": "POST",
          ":path": "/cryptostream.v1.StatusService/GetStatus",
          ":authority": authority,
          "content-type": "application/json",
        });
        stream.on("response", (headers) => resolve(Number(headers[":status"])));
        stream.on("error", reject);
        stream.resume();
        stream.end("{}");
      });
    expect(await ask("evil.example:3999")).toBe(421);
    // The refusal ended one stream, not the connection: a request naming this server still goes through.
    expect(await ask(new URL(server.baseUrl).host)).toBe(200);
    expect(source.feeds).toHaveLength(0);
  });
});
