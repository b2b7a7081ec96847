/**
 * The wire format a stream negotiated, read back from what Connect decided for it. Connect,
 * gRPC and gRPC-Web share the data frame (a 5-byte envelope: flags, big-endian length, payload),
 * so bytes framed once for a (codec, compression) pair serve a stream of any of the three.
 */
import type { HandlerContext } from "@connectrpc/connect";
import { connectProtocol, grpcProtocol } from "./connect-internals.js";

/** WireFormat is what decides a data frame's bytes besides the message itself. */
export interface WireFormat {
  /** binary: protobuf binary; false: protobuf JSON. */
  readonly binary: boolean;
  /** compression names the negotiated response compression ("gzip", "br"), or is "" for none. */
  readonly compression: string;
}

/**
 * wireFormatOf reads the format of the stream behind `context`: its response content type and the
 * compression Connect negotiated and announced in the response headers before the handler ran.
 */
export function wireFormatOf(context: HandlerContext): WireFormat {
  const contentType = context.responseHeader.get("Content-Type") ?? "";
  const encodingHeader = context.protocolName === "connect" ? connectProtocol.headerStreamEncoding : grpcProtocol.headerEncoding;
  const compression = context.responseHeader.get(encodingHeader) ?? "";
  return { binary: !contentType.includes("json"), compression: compression === "identity" ? "" : compression };
}
