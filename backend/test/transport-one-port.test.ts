/**
 * One port, both HTTP versions: every protocol and codec streams prices over HTTP/1.1 and over
 * HTTP/2 with prior knowledge on the same port; HTTP/2 requests for anything but the API are sent
 * back to HTTP/1.1; a foreign origin is refused on HTTP/2 as on HTTP/1.1.
 */
import { connect as connectHttp2, constants } from "node:http2";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { http2WireTransports, wireTransports } from "@crypto-stream/test-support/wire-transports";

let server: TestServer | undefined;
let source: FakeSource;
const streams = new StreamSignals();

async function start(options: Partial<Parameters<typeof startTestServer>[0]> = {}): Promise<TestServer> {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, ...options });
  return server;
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

/** h2Request sends one HTTP/2 request with prior knowledge and resolves its status, or the stream's error code. */
function h2Request(baseUrl: string, headers: Record<string, string>): Promise<{ status?: number; rstCode?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(baseUrl);
    session.on("error", reject);
    const stream = session.request(headers, { endStream: true });
    let status: number | undefined;
    let body = "";
    stream.on("response", (head) => (status = Number(head[":status"])));
    stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
    stream.on("close", () => {
      resolve({ status, rstCode: stream.rstCode, body });
      session.close();
    });
    stream.on("error", () => undefined);
  });
}

describe("one port, HTTP/1.1 and HTTP/2", () => {
  it.each([...wireTransports, ...http2WireTransports])("when %s streams a price, then the quote arrives", async (_name, transport) => {
    const { baseUrl } = await start();
    const client = createClient(PriceService, transport(baseUrl));
    const stream = client.streamPrice({ symbol: "BTCUSD" }, { signal: streams.next() });
    const read = (async () => {
      for await (const message of stream) if (message.event.case === "quote") return message.event.value.price;
      return undefined;
    })();
    await expect.poll(() => source.open("BINANCE:BTCUSD") ?? source.open("BTCUSD"), { timeout: 4_000 }).toBeDefined();
    await new Promise((r) => setTimeout(r, 50));
    (source.open("BINANCE:BTCUSD") ?? source.open("BTCUSD"))!.emit("97123.45");
    expect(await read).toBe("97123.45");
  });

  it("when an HTTP/2 client asks for a page or probe, then the stream is reset HTTP_1_1_REQUIRED", async () => {
    const { baseUrl } = await start();
    const answer = await h2Request(baseUrl, { ":method": "GET", ":path": "/healthz" });
    expect(answer.rstCode).toBe(constants.NGHTTP2_HTTP_1_1_REQUIRED);
  });

  it("when an HTTP/2 request comes from a foreign browser origin, then it is refused 403 as over HTTP/1.1", async () => {
    const { baseUrl } = await start();
    const answer = await h2Request(baseUrl, {
      ":method": "POST",
      ":path": "/cryptostream.v1.PriceService/UpdateWatch",
      "content-type": "application/json",
      origin: "http://evil.example",
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("ALLOWED_ORIGINS");
  });

  it("when an HTTP/2 client sends a malformed symbol, then INVALID_ARGUMENT comes back", async () => {
    const { baseUrl } = await start();
    const [, transport] = http2WireTransports.find(([name]) => name.startsWith("gRPC binary"))!;
    const client = createClient(PriceService, transport(baseUrl));
    const error = await (async () => {
      try {
        for await (const _ of client.streamPrice({ symbol: "no such/thing" }, { signal: streams.next() })) void _;
      } catch (e) {
        return ConnectError.from(e);
      }
      return undefined;
    })();
    expect(error?.code).toBe(Code.InvalidArgument);
  });
});
