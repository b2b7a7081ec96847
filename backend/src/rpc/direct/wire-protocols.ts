/**
 * The three protocols a direct stream speaks, told apart by the request's Content-Type: Connect
 * streaming, gRPC (with HTTP trailers, on HTTP/1.1 and HTTP/2) and gRPC-Web, each with its binary
 * and JSON codec, written to either HTTP version through a ResponseSink.
 * They share the data frame; they differ in header names, timeout syntax and how a stream ends:
 * Connect's end-stream JSON frame, gRPC's trailers (trailers-only when nothing was sent), and
 * gRPC-Web's trailer frame. Codes, messages and details come from connect-es's own serializers.
 */
import type { OutgoingHttpHeaders } from "node:http";
import type { ConnectError } from "@connectrpc/connect";
import { connectProtocol as connect, grpcProtocol as grpc, grpcWebProtocol as grpcWeb } from "../engine/connect-internals.js";
import { clampDeadline } from "../deadline.js";
import type { ResponseSink } from "./response-sink.js";

/** Envelope frames end-of-stream data under the stream's compression rule (FrameEncoder.envelope). */
export type Envelope = (flags: number, data: Uint8Array) => Uint8Array;

/** WireProtocol is what the direct path needs to know of one protocol. */
export interface WireProtocol {
  readonly name: "connect" | "grpc" | "grpc_web";
  /** binary reads a request Content-Type: true for protobuf, false for JSON, undefined when this protocol does not serve it. */
  binary(contentType: string): boolean | undefined;
  /** contentType is the response's Content-Type for the codec. */
  contentType(binary: boolean): string;
  /** Header names (lower case, as node:http has them) for compression and the deadline. */
  readonly encodingHeader: string;
  readonly acceptEncodingHeader: string;
  readonly timeoutHeader: string;
  /** parseTimeout reads the deadline header: a timeout (at most MAX_DEADLINE_MS), nothing, or the protocol's error for a bad value. */
  parseTimeout(value: string | null): { timeoutMs?: number; error?: ConnectError };
  /** requestEndFlag marks a request frame that ends the request rather than carrying a message. */
  readonly requestEndFlag?: number;
  /** start sends the head of a stream that will carry messages. */
  start(sink: ResponseSink, head: OutgoingHttpHeaders): void;
  /**
   * end writes the end of stream (OK when `error` is undefined) and ends the response. When no
   * header went out yet, it sends `head` first, or in gRPC's case the status in `head` alone.
   */
  end(sink: ResponseSink, head: OutgoingHttpHeaders, envelope: Envelope, error: ConnectError | undefined): void;
}

const endStream = connect.createEndStreamSerialization(undefined);
const noTimeoutLimit = Number.MAX_SAFE_INTEGER;

/** trailers are gRPC's status fields for `error` (or OK), as node:http header fields. */
function grpcStatus(error: ConnectError | undefined): OutgoingHttpHeaders {
  const fields: OutgoingHttpHeaders = {};
  grpc.setTrailerStatus(new Headers(), error).forEach((value, key) => (fields[key] = value));
  return fields;
}

/** endWithFrame sends `head` if it is not out yet, then the last frame, and ends the response. */
function endWithFrame(sink: ResponseSink, head: OutgoingHttpHeaders, frame: Uint8Array): void {
  if (!sink.headersSent) sink.respond(head, "body");
  sink.finish(frame);
}

/** startBody sends the head of a response its body ends (Connect, gRPC-Web). */
const startBody = (sink: ResponseSink, head: OutgoingHttpHeaders) => sink.respond(head, "body");

const connectProtocol: WireProtocol = {
  name: "connect",
  binary: (contentType) => {
    const type = connect.parseContentType(contentType);
    return type?.stream ? type.binary : undefined;
  },
  contentType: (binary) => (binary ? connect.contentTypeStreamProto : connect.contentTypeStreamJson),
  encodingHeader: connect.headerStreamEncoding.toLowerCase(),
  acceptEncodingHeader: connect.headerStreamAcceptEncoding.toLowerCase(),
  timeoutHeader: connect.headerTimeout.toLowerCase(),
  parseTimeout: (value) => clampDeadline(connect.parseTimeout(value, noTimeoutLimit)),
  requestEndFlag: connect.endStreamFlag,
  start: startBody,
  end(sink, head, envelope, error) {
    endWithFrame(sink, head, envelope(connect.endStreamFlag, endStream.serialize({ metadata: new Headers(), error })));
  },
};

/** gRPC-Web names its compression and deadline headers as gRPC does, and writes the deadline alike. */
const grpcHeaders = {
  encodingHeader: grpc.headerEncoding.toLowerCase(),
  acceptEncodingHeader: grpc.headerAcceptEncoding.toLowerCase(),
  timeoutHeader: grpc.headerTimeout.toLowerCase(),
  parseTimeout: (value: string | null) => clampDeadline(grpc.parseTimeout(value, noTimeoutLimit)),
};

const grpcProtocol: WireProtocol = {
  name: "grpc",
  binary: (contentType) => grpc.parseContentType(contentType)?.binary,
  contentType: (binary) => (binary ? grpc.contentTypeProto : grpc.contentTypeJson),
  ...grpcHeaders,
  start: (sink, head) => sink.respond(head, "trailers"),
  end(sink, head, _envelope, error) {
    if (sink.headersSent) sink.finish(undefined, grpcStatus(error));
    // Trailers-only: with nothing sent, the status goes in the headers and there is no body.
    else sink.respond({ ...head, ...grpcStatus(error) }, "head");
  },
};

const grpcWebProtocol: WireProtocol = {
  name: "grpc_web",
  binary: (contentType) => {
    const type = grpcWeb.parseContentType(contentType);
    return type && !type.text ? type.binary : undefined;
  },
  contentType: (binary) => (binary ? grpcWeb.contentTypeProto : grpcWeb.contentTypeJson),
  ...grpcHeaders,
  requestEndFlag: grpcWeb.trailerFlag,
  start: startBody,
  end(sink, head, envelope, error) {
    endWithFrame(sink, head, envelope(grpcWeb.trailerFlag, grpcWeb.trailerSerialize(grpc.setTrailerStatus(new Headers(), error))));
  },
};

/** negotiate picks the protocol and codec for a request's Content-Type, or undefined to leave it to Connect. */
export function negotiate(contentType: string | undefined): { protocol: WireProtocol; binary: boolean } | undefined {
  if (!contentType) return undefined;
  for (const protocol of [connectProtocol, grpcProtocol, grpcWebProtocol]) {
    const binary = protocol.binary(contentType);
    if (binary !== undefined) return { protocol, binary };
  }
  return undefined;
}
