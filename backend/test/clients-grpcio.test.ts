/**
 * grpcio, Python's stock gRPC library on its C core, against the real app on its real port
 * (cleartext HTTP/2): health Check, StreamPrice, INVALID_ARGUMENT on a malformed symbol,
 * UNAUTHENTICATED without the token, DEADLINE_EXCEEDED, and a cancel that releases the symbol.
 * A second library on another gRPC stack than grpc-js: what they agree on is gRPC, not Node.
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { HealthCheckRequestSchema, HealthCheckResponse_ServingStatus, HealthCheckResponseSchema } from "@crypto-stream/gen/grpc/health/v1/health_pb.js";
import { StreamPriceRequestSchema, StreamPriceResponseSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { grpcioCall, grpcioMissing } from "@crypto-stream/test-support/grpcio";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";

const missing = grpcioMissing();
if (missing) console.warn(`clients-grpcio: skipped: ${missing}`);

const token = "a-very-secret-token-0123456789";
const STREAM_PRICE = "/cryptostream.v1.PriceService/StreamPrice";
let server: TestServer | undefined;
let source: FakeSource;

async function start(options: Partial<Parameters<typeof startTestServer>[0]> = {}) {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, ...options });
  return new URL(server.baseUrl).host;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const priceRequest = (symbol: string) => toBinary(StreamPriceRequestSchema, create(StreamPriceRequestSchema, { symbol }));

describe.skipIf(missing !== undefined)("grpcio over HTTP/2", () => {
  it("when it checks health, then SERVING", async () => {
    const target = await start();
    const answer = await grpcioCall({ target, method: "/grpc.health.v1.Health/Check", request: toBinary(HealthCheckRequestSchema, create(HealthCheckRequestSchema, { service: "" })) });
    expect(answer.code).toBe("OK");
    expect(fromBinary(HealthCheckResponseSchema, answer.messages[0]!).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
  });

  it("when it streams a price and cancels after the quote, then the quote arrives and the symbol is released", async () => {
    const target = await start();
    const call = grpcioCall({ target, method: STREAM_PRICE, request: priceRequest("BTCUSD"), stream: true, cancelAfter: 3 });
    await expect.poll(() => source.open("BTCUSD"), { timeout: 10_000 }).toBeDefined();
    source.open("BTCUSD")!.emit("97123.45");
    const answer = await call;
    expect(answer.code).toBe("CANCELLED");
    const quotes = answer.messages.map((bytes) => fromBinary(StreamPriceResponseSchema, bytes).event).flatMap((event) => (event.case === "quote" ? [event.value.price] : []));
    expect(quotes).toEqual(["97123.45"]);
    await expect.poll(() => source.open("BTCUSD"), { timeout: 2_000 }).toBeUndefined();
  });

  it("when it asks for a malformed symbol, then INVALID_ARGUMENT with a message a person can act on", async () => {
    const target = await start();
    const answer = await grpcioCall({ target, method: STREAM_PRICE, request: priceRequest("no such/thing"), stream: true });
    expect(answer.code).toBe("INVALID_ARGUMENT");
    expect(answer.details).toMatch(/symbol/i);
  });

  it("when the server needs a token and it sends none, then UNAUTHENTICATED; with the token, health and the stream answer", async () => {
    const target = await start({ apiToken: token });
    expect((await grpcioCall({ target, method: STREAM_PRICE, request: priceRequest("BTCUSD"), stream: true })).code).toBe("UNAUTHENTICATED");
    expect((await grpcioCall({ target, method: "/grpc.health.v1.Health/Check", request: new Uint8Array() })).code).toBe("OK");
    const call = grpcioCall({ target, method: STREAM_PRICE, request: priceRequest("ETHUSD"), stream: true, token, timeoutSeconds: 1 });
    expect((await call).code).toBe("DEADLINE_EXCEEDED");
    await expect.poll(() => source.open("ETHUSD"), { timeout: 2_000 }).toBeUndefined();
  });
});
