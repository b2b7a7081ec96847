/**
 * The real server process, as an operator runs it: demo mode, headless Chromium, SIGTERM. It must
 * end open streams with UNAVAILABLE, over HTTP/1.1 and HTTP/2 alike, exit 0 within 10 s and leave
 * no Chromium behind.
 */
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { createGrpcClient, grpcServerStream } from "@crypto-stream/test-support/grpc-js-client";
import { alive, descendants } from "@crypto-stream/test-support/processes";
import { startServerProcess } from "@crypto-stream/test-support/server-process";
import { describe, expect, it } from "vitest";

describe("the server process", () => {
  it("when it gets SIGTERM while streaming over HTTP/1.1 and HTTP/2, then streams end UNAVAILABLE, it exits 0 and no Chromium is left", async () => {
    const server = await startServerProcess({
      env: { HEADLESS: "true", LOG_LEVEL: "warn", SIM_TICK_MS: "200", SHUTDOWN_TIMEOUT_MS: "10000" },
    });
    const baseUrl = server.url;

    const client = createClient(PriceService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
    const stream = client.streamPrice({ symbol: "BTCUSD" })[Symbol.asyncIterator]();
    let message = await stream.next();
    while (message.value?.event.case !== "quote") message = await stream.next();
    // A gRPC client on HTTP/2 (h2c, the same port) holds a stream too.
    const grpc = createGrpcClient(new URL(baseUrl).host);
    const http2Stream = grpcServerStream(grpc, PriceService.method.streamPrice, { symbol: "BTCUSD" });
    await expect.poll(() => http2Stream.messages.some((m) => m.event.case === "quote"), { timeout: 15_000 }).toBe(true);
    const processes = descendants(server.pid);
    expect(processes.length).toBeGreaterThan(0);

    const stopping = server.stop();
    const ending = (async () => {
      for (;;) {
        if ((await stream.next()).done) return undefined;
      }
    })().catch((error: unknown) => ConnectError.from(error));
    const error = await ending;
    expect(error?.code).toBe(Code.Unavailable);
    expect(error?.rawMessage).toContain("shutting down");
    const http2End = await http2Stream.ended;
    expect(http2End.code).toBe(Code.Unavailable);
    expect(http2End.details).toContain("shutting down");
    grpc.close();
    // Past SHUTDOWN_TIMEOUT_MS the process exits 1, so exit 0 also means "within 10 s".
    expect(await stopping).toBe(0);
    expect(processes.filter(alive)).toEqual([]);
    expect(server.logs()).not.toContain('"level":"error"');
  });
});
