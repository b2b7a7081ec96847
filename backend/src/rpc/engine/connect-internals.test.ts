/**
 * Pins what this server relies on in connect-es's internals (connect-internals.ts): if an upgrade
 * changes one, the test named for it fails here, before a client sees different bytes.
 */
import { gzipSync } from "node:zlib";
import { Code, ConnectError } from "@connectrpc/connect";
import { compressionBrotli, compressionGzip } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { describe, expect, it } from "vitest";
import {
  compressedFlag,
  compressionNegotiate,
  connectProtocol,
  createMethodSerializationLookup,
  encodeEnvelope,
  envelopeDecompress,
  grpcProtocol,
  grpcWebProtocol,
} from "./connect-internals.js";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("connect-es internals this server relies on", () => {
  it("when a frame is enveloped, then it is flags, a big-endian length and the data, and the compressed flag is 1", () => {
    expect(compressedFlag).toBe(1);
    expect([...encodeEnvelope(2, new Uint8Array([7, 8, 9]))]).toEqual([2, 0, 0, 0, 3, 7, 8, 9]);
  });

  it("when a compressed request envelope is decompressed, then the data comes back and the flag is cleared", async () => {
    const data = Buffer.from("hello");
    const out = await envelopeDecompress({ flags: compressedFlag, data: gzipSync(data) }, compressionGzip, 1024);
    expect(text(out.data)).toBe("hello");
    expect(out.flags & compressedFlag).toBe(0);
  });

  it("when compressions are negotiated, then the request's encoding is used and the first accepted one we offer answers", () => {
    const negotiated = compressionNegotiate([compressionGzip, compressionBrotli], "gzip", "br, gzip", "Connect-Accept-Encoding");
    expect(negotiated.request?.name).toBe("gzip");
    expect(negotiated.response?.name).toBe("br");
    const unknown = compressionNegotiate([compressionGzip], "zstd", null, "Connect-Accept-Encoding");
    expect(unknown.error?.code).toBe(Code.Unimplemented);
  });

  it("when a method's serialization is looked up, then binary and JSON round-trip its messages", () => {
    const lookup = createMethodSerializationLookup(PriceService.method.streamPrice, undefined, undefined, { readMaxBytes: 1024, writeMaxBytes: 1024 });
    for (const binary of [true, false]) {
      const bytes = lookup.getI(binary).serialize({ $typeName: "cryptostream.v1.StreamPriceRequest", symbol: "BTCUSD" });
      expect(lookup.getI(binary).parse(bytes).symbol).toBe("BTCUSD");
    }
  });

  it("when the Connect protocol's pieces are read, then headers, content types, timeouts and the end of stream are as the direct path writes them", () => {
    expect(connectProtocol.headerStreamEncoding).toBe("Connect-Content-Encoding");
    expect(connectProtocol.headerStreamAcceptEncoding).toBe("Connect-Accept-Encoding");
    expect(connectProtocol.headerTimeout).toBe("Connect-Timeout-Ms");
    expect(connectProtocol.contentTypeStreamProto).toBe("application/connect+proto");
    expect(connectProtocol.contentTypeStreamJson).toBe("application/connect+json");
    expect(connectProtocol.parseContentType("application/connect+json")).toMatchObject({ stream: true, binary: false });
    expect(connectProtocol.endStreamFlag).toBe(2);
    expect(connectProtocol.parseTimeout("1500", Number.MAX_SAFE_INTEGER)).toMatchObject({ timeoutMs: 1500 });
    const end = connectProtocol.createEndStreamSerialization(undefined);
    expect(text(end.serialize({ metadata: new Headers(), error: new ConnectError("no", Code.NotFound) }))).toBe('{"error":{"code":"not_found","message":"no"}}');
  });

  it("when the gRPC protocol's pieces are read, then headers, content types, timeouts and trailers are as the direct path writes them", () => {
    expect(grpcProtocol.headerEncoding).toBe("Grpc-Encoding");
    expect(grpcProtocol.headerAcceptEncoding).toBe("Grpc-Accept-Encoding");
    expect(grpcProtocol.headerTimeout).toBe("Grpc-Timeout");
    expect(grpcProtocol.contentTypeProto).toBe("application/grpc+proto");
    expect(grpcProtocol.parseContentType("application/grpc")).toMatchObject({ binary: true });
    expect(grpcProtocol.parseTimeout("2S", Number.MAX_SAFE_INTEGER)).toMatchObject({ timeoutMs: 2000 });
    const fields: Record<string, string> = {};
    grpcProtocol.setTrailerStatus(new Headers(), new ConnectError("bad symbol", Code.InvalidArgument)).forEach((value, key) => (fields[key] = value));
    expect(fields).toEqual({ "grpc-status": "3", "grpc-message": "bad%20symbol" });
  });

  it("when the gRPC-Web protocol's pieces are read, then the trailer frame is as the direct path writes it", () => {
    expect(grpcWebProtocol.trailerFlag).toBe(128);
    expect(grpcWebProtocol.contentTypeProto).toBe("application/grpc-web+proto");
    expect(grpcWebProtocol.parseContentType("application/grpc-web-text")).toMatchObject({ text: true });
    expect(text(grpcWebProtocol.trailerSerialize(grpcProtocol.setTrailerStatus(new Headers(), undefined)))).toBe("grpc-status: 0\r\n");
  });
});
