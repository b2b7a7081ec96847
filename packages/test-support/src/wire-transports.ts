/**
 * Every protocol and codec a server stream is served with, as connect-es client transports over
 * HTTP/1.1: Connect, gRPC (connect-es's own gRPC protocol on its node:http client, so trailers
 * travel over HTTP/1.1) and gRPC-Web, each binary and JSON. For tests that must cover them all.
 */
import type { Transport } from "@connectrpc/connect";
import type { Compression } from "@connectrpc/connect/protocol";
import { createTransport as createGrpcTransport } from "@connectrpc/connect/protocol-grpc";
import {
  createConnectTransport,
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
