/**
 * The port's bounds: a request must be sent within REQUEST_TIMEOUT_MS on either HTTP version
 * (a stream, once its request is in, lives as long as it likes); connections are capped per client
 * address and overall, and a connection over a cap is refused in words, in the version it speaks.
 */
import { connect as connectHttp2, type ClientHttp2Session } from "node:http2";
import { connect as connectTcp, type Socket } from "node:net";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { envelope } from "@crypto-stream/test-support/envelope";

let server: TestServer | undefined;
const sockets: Socket[] = [];
const sessions: ClientHttp2Session[] = [];
const streams = new StreamSignals();

async function start(connections: Parameters<typeof startTestServer>[0]["connections"]): Promise<TestServer> {
  const source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, connections });
  return server;
}

afterEach(async () => {
  streams.abortAll();
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const session of sessions.splice(0)) session.destroy();
  await server?.close();
  server = undefined;
});

/** open connects a raw socket to the server and resolves once connected. */
function open(baseUrl: string): Promise<Socket> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(port), "127.0.0.1", () => resolve(socket));
    socket.on("error", reject);
    sockets.push(socket);
  });
}

/** closedWithin resolves the ms a socket took to be closed by the server, with what it read. */
function closed(socket: Socket): Promise<{ ms: number; read: string }> {
  const started = Date.now();
  let read = "";
  socket.on("data", (chunk: Buffer) => (read += chunk.toString()));
  return new Promise((resolve) => socket.once("close", () => resolve({ ms: Date.now() - started, read })));
}

const timed = { requestTimeoutMs: 300 };

describe("the time to send a request", () => {
  it("when an HTTP/1.1 client sends headers and half a body, then the server closes it after REQUEST_TIMEOUT_MS", async () => {
    const { baseUrl } = await start(timed);
    const socket = await open(baseUrl);
    const end = closed(socket);
    socket.write("POST /cryptostream.v1.PriceService/UpdateWatch HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"wat");
    const { ms, read } = await end;
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(5_000);
    expect(read).toMatch(/^HTTP\/1\.1 408/);
  });

  it("when a client connects and sends nothing, then the server drops the connection after REQUEST_TIMEOUT_MS", async () => {
    const { baseUrl } = await start(timed);
    const { ms } = await closed(await open(baseUrl));
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(5_000);
  });

  it("when an HTTP/2 stream's body never ends, then that stream is cancelled and a price stream on the same connection goes on", async () => {
    const { baseUrl } = await start(timed);
    const session = connectHttp2(baseUrl);
    sessions.push(session);
    const slow = session.request({ ":method": "POST", ":path": "/cryptostream.v1.PriceService/UpdateWatch", "content-type": "application/json" });
    slow.write("{\"watch");
    const cancelled = new Promise<number>((resolve) => slow.on("close", () => resolve(slow.rstCode)));
    slow.on("error", () => undefined);
    const long = session.request({ ":method": "POST", ":path": "/cryptostream.v1.PriceService/StreamPrice", "content-type": "application/connect+json" });
    long.end(envelope({ symbol: "BTCUSD" }));
    let longClosed = false;
    long.on("close", () => (longClosed = true));
    long.on("error", () => undefined);
    expect(await cancelled).toBe(8);
    await new Promise((r) => setTimeout(r, 700));
    expect(longClosed).toBe(false);
    expect(session.closed || session.destroyed).toBe(false);
  });
});

describe("connection caps", () => {
  it("when a client address holds MAX_CONNECTIONS_PER_CLIENT connections, then its next one is refused 503 naming the setting, over HTTP/1.1", async () => {
    const { baseUrl } = await start({ maxConnectionsPerClient: 3 });
    for (let i = 0; i < 3; i++) await open(baseUrl);
    await expect.poll(() => server!.port.connections).toBe(3);
    const extra = await open(baseUrl);
    const end = closed(extra);
    extra.write("GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n");
    const { read } = await end;
    expect(read).toMatch(/^HTTP\/1\.1 503/);
    expect(read).toContain("MAX_CONNECTIONS_PER_CLIENT");
  });

  it("when a client address is at its cap, then a gRPC call over HTTP/2 fails UNAVAILABLE naming the setting, and succeeds once a slot frees", async () => {
    const { baseUrl } = await start({ maxConnectionsPerClient: 2 });
    const held = [await open(baseUrl), await open(baseUrl)];
    await expect.poll(() => server!.port.connections).toBe(2);
    const call = (transport: ReturnType<typeof createGrpcTransport>) =>
      createClient(PriceService, transport).updateWatch({ watchId: "nope", add: ["BTCUSD"] }).then(() => undefined, (e: unknown) => ConnectError.from(e));
    const refused = await call(createGrpcTransport({ baseUrl }));
    expect(refused?.code).toBe(Code.Unavailable);
    expect(refused?.rawMessage).toContain("MAX_CONNECTIONS_PER_CLIENT");
    held[0]!.destroy();
    await expect.poll(() => server!.port.connections).toBeLessThan(2);
    const admitted = await call(createGrpcTransport({ baseUrl }));
    expect(admitted?.code).toBe(Code.NotFound);
  });

  it("when the server holds MAX_CONNECTIONS, then a Connect call is refused UNAVAILABLE naming the setting", async () => {
    const { baseUrl } = await start({ maxConnections: 2 });
    for (let i = 0; i < 2; i++) await open(baseUrl);
    await expect.poll(() => server!.port.connections).toBe(2);
    const error = await createClient(PriceService, createConnectTransport({ baseUrl, httpVersion: "1.1" }))
      .updateWatch({ watchId: "nope" })
      .then(() => undefined, (e: unknown) => ConnectError.from(e));
    expect(error?.code).toBe(Code.Unavailable);
  });
});
