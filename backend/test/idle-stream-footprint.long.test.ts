/**
 * What an idle HTTP/2 stream holds on the direct path, counted by constructor in a heap snapshot
 * of this process (the server and a raw node:http2 client both run here): one object of each of
 * the stream's parts, no promise per stream, and none of them once the streams end. The memory per
 * idle stream (docs/performance/http2.md) is what these parts weigh; a part that grows back into
 * closures or a promise chain per stream shows here as a count, not as a noisy RSS figure.
 */
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream } from "node:http2";
import { create, toBinary } from "@bufbuild/protobuf";
import { StreamPriceRequestSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, expect, it } from "vitest";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { heapCensus } from "@crypto-stream/test-support/heap-census";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { envelope } from "@crypto-stream/test-support/envelope";

/** The classes one direct StreamPrice stream is made of, server side (see rpc/direct/direct-stream.ts). */
const PARTS = ["DirectStream", "Http2Sink", "Session", "PushStream", "Guarded", "QuotaSubscriber", "StreamShare", "HubSubscriber", "Mailbox"];
const STREAMS = 40;

let server: TestServer | undefined;
let session: ClientHttp2Session | undefined;

afterEach(async () => {
  session?.destroy();
  session = undefined;
  await server?.close();
  server = undefined;
});

/** streamPrice opens a raw gRPC StreamPrice call and counts the bytes it receives (no promise per call). */
function streamPrice(client: ClientHttp2Session, symbol: string, received: { bytes: number }): ClientHttp2Stream {
  const stream = client.request({ ":method": "POST", ":path": "/cryptostream.v1.PriceService/StreamPrice", "content-type": "application/grpc+proto", te: "trailers" });
  stream.on("data", (chunk: Buffer) => (received.bytes += chunk.length));
  stream.on("error", () => undefined);
  stream.end(envelope(toBinary(StreamPriceRequestSchema, create(StreamPriceRequestSchema, { symbol }))));
  return stream;
}

const delta = (now: Record<string, number>, before: Record<string, number>, name: string) => (now[name] ?? 0) - (before[name] ?? 0);

it("when 40 gRPC streams sit idle on one HTTP/2 connection, then each holds one of each part and no promise, and none is left once they end", async () => {
  server = await startTestServer({ source: createFakeSource((feed) => queueMicrotask(() => feed.state("live"))) });
  const srv = server;
  const before = await heapCensus([...PARTS, "Promise"]);
  session = connect(srv.baseUrl);
  session.on("error", () => undefined);
  const client = session;
  const received = Array.from({ length: STREAMS }, () => ({ bytes: 0 }));
  const calls = received.map((bytes) => streamPrice(client, "BTCUSD", bytes));
  // Every stream got its first message: each is open, past its head, and idle (the feed sends nothing).
  await expect.poll(() => received.every((r) => r.bytes > 0) && srv.direct.open === STREAMS).toBe(true);

  const idle = await heapCensus([...PARTS, "Promise"]);
  for (const part of PARTS) expect({ part, count: delta(idle, before, part) }).toEqual({ part, count: STREAMS });
  // A promise per stream (a body's `done`, a chain awaiting it) would add 40 or more; the census itself and the test add a few.
  expect(delta(idle, before, "Promise")).toBeLessThan(STREAMS / 4);

  for (const call of calls) call.close(constants.NGHTTP2_CANCEL);
  await expect.poll(() => srv.direct.open + srv.hub.stats().subscribers).toBe(0);
  const after = await heapCensus(PARTS);
  for (const part of PARTS) expect({ part, count: delta(after, before, part) }).toEqual({ part, count: 0 });
});
