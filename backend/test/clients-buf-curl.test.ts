/**
 * `buf curl`, a client nobody here wrote, against the real app on its real port: Connect and gRPC-Web
 * over HTTP/1.1 and over HTTP/2 with prior knowledge, gRPC over HTTP/2 (buf curl speaks gRPC over
 * HTTP/2 only), for a unary call (GetStatus) and a server stream (StreamPrice), with the schema from
 * this repository's protos. `-v` shows the HTTP version each answer came in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufCurl } from "@crypto-stream/test-support/buf-curl";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";

let server: TestServer;

beforeAll(async () => {
  // Each StreamPrice gets a quote, then the page says the symbol is gone: a stream with data that ends by itself.
  const source = createFakeSource((feed) =>
    queueMicrotask(() => {
      feed.state("live");
      feed.emit("97123.45");
      setTimeout(() => feed.state("not_found", "gone"), 200);
    }),
  );
  server = await startTestServer({ source });
});

afterAll(async () => {
  await server.close();
});

const matrix: [protocol: string, http: string, flags: string[]][] = [
  ["connect", "HTTP/1.1", []],
  ["connect", "HTTP/2", ["--http2-prior-knowledge"]],
  ["grpcweb", "HTTP/1.1", []],
  ["grpcweb", "HTTP/2", ["--http2-prior-knowledge"]],
  ["grpc", "HTTP/2", ["--http2-prior-knowledge"]],
];

describe("buf curl", () => {
  it.each(matrix)("when it calls GetStatus with --protocol %s over %s, then it exits 0 with the status", async (protocol, http, flags) => {
    const result = await bufCurl(["-v", "--schema", ".", "--protocol", protocol, ...flags, `${server.baseUrl}/cryptostream.v1.StatusService/GetStatus`]);
    expect(result.stderr).toContain(`< (#1) ${http === "HTTP/2" ? "HTTP/2.0" : "HTTP/1.1"} 200 OK`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty("server");
  });

  it.each(matrix)("when it streams a price with --protocol %s over %s, then it prints the quote and the stream's NOT_FOUND end", async (protocol, _http, flags) => {
    const result = await bufCurl(["--schema", ".", "--protocol", protocol, ...flags, "-d", '{"symbol":"BTCUSD"}', `${server.baseUrl}/cryptostream.v1.PriceService/StreamPrice`]);
    expect(result.stdout).toContain('"price": "97123.45"');
    expect(result.stderr).toContain("not_found");
    expect(result.code).not.toBe(0);
  });
});
