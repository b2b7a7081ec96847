/**
 * Every protocol and codec a server stream is served with, as connect-es client transports over
 * HTTP/1.1: Connect, gRPC (connect-es's own gRPC protocol on its node:http client, so trailers
 * travel over HTTP/1.1) and gRPC-Web, each binary and JSON; and the same over HTTP/2 with prior
 * knowledge (`http2WireTransports`). For tests that must cover them all.
 */
import type { Transport } from "@connectrpc/connect";
import type { Compression } from "@connectrpc/connect/protocol";
import { createTransport as createGrpcTransport } from "@connectrpc/connect/protocol-grpc";
import {
  createConnectTransport,
  createGrpcTransport as createGrpcNodeTransport,
  createGrpcWebTransport,
  createNodeHttpClient,
} from "@connectrpc/connect-node";

/** TransportOptions: compression either way. */
export interface TransportOptions {
  /** accept lists the response compressions offered to the server; connect-node's default (gzip, br), none for gRPC. */
  accept?: Compression[];
  /** send compresses every request message, however small, with this. */
  send?: Compression;
}

/** WireTransport names a protocol and codec and builds a client transport for it. */
export type WireTransport = [name: string, transport: (baseUrl: string, options?: TransportOptions) => Transport];

const common = (options: TransportOptions = {}) => ({
  httpVersion: "1.1" as const,
  acceptCompression: options.accept,
  sendCompression: options.send,
  compressMinBytes: options.send ? 1 : undefined,
});

function grpcOverHttp1(baseUrl: string, useBinaryFormat: boolean, options: TransportOptions = {}): Transport {
  return createGrpcTransport({
    baseUrl,
    useBinaryFormat,
    httpClient: createNodeHttpClient({ httpVersion: "1.1" }),
    interceptors: [],
    acceptCompression: options.accept ?? [],
    sendCompression: options.send ?? null,
    compressMinBytes: options.send ? 1 : 1024,
    readMaxBytes: 0xffffffff,
    writeMaxBytes: 0xffffffff,
  });
}

/** wireTransports is every protocol × codec, in a stable order for `it.each`. */
export const wireTransports: WireTransport[] = [
  ["Connect JSON", (baseUrl, o) => createConnectTransport({ baseUrl, ...common(o), useBinaryFormat: false })],
  ["Connect binary", (baseUrl, o) => createConnectTransport({ baseUrl, ...common(o), useBinaryFormat: true })],
  ["gRPC binary", (baseUrl, o) => grpcOverHttp1(baseUrl, true, o)],
  ["gRPC JSON", (baseUrl, o) => grpcOverHttp1(baseUrl, false, o)],
  ["gRPC-Web binary", (baseUrl, o) => createGrpcWebTransport({ baseUrl, ...common(o), useBinaryFormat: true })],
  ["gRPC-Web JSON", (baseUrl, o) => createGrpcWebTransport({ baseUrl, ...common(o), useBinaryFormat: false })],
];

const overHttp2 = (options: TransportOptions = {}) => ({
  acceptCompression: options.accept,
  sendCompression: options.send,
  compressMinBytes: options.send ? 1 : undefined,
});

/**
 * http2WireTransports is every protocol × codec over HTTP/2 with prior knowledge (h2c), each
 * transport on its own connection (the test server's close ends it).
 */
export const http2WireTransports: WireTransport[] = [
  ["Connect JSON over HTTP/2", (baseUrl, o) => createConnectTransport({ baseUrl, httpVersion: "2", ...overHttp2(o), useBinaryFormat: false })],
  ["Connect binary over HTTP/2", (baseUrl, o) => createConnectTransport({ baseUrl, httpVersion: "2", ...overHttp2(o), useBinaryFormat: true })],
  ["gRPC binary over HTTP/2", (baseUrl, o) => createGrpcNodeTransport({ baseUrl, ...overHttp2(o), useBinaryFormat: true })],
  ["gRPC JSON over HTTP/2", (baseUrl, o) => createGrpcNodeTransport({ baseUrl, ...overHttp2(o), useBinaryFormat: false })],
  ["gRPC-Web binary over HTTP/2", (baseUrl, o) => createGrpcWebTransport({ baseUrl, httpVersion: "2", ...overHttp2(o), useBinaryFormat: true })],
  ["gRPC-Web JSON over HTTP/2", (baseUrl, o) => createGrpcWebTransport({ baseUrl, httpVersion: "2", ...overHttp2(o), useBinaryFormat: false })],
];
