/**
 * The one owner of connect-es's internals. The direct stream path and the frame cache build
 * Connect, gRPC and gRPC-Web frames, ends and trailers with connect-es's own protocol pieces, so
 * the bytes are Connect's by construction; many of those exports are marked `@private` (free to
 * change in any release). Every import of them goes through here, and connect-internals.test.ts
 * pins what we rely on, so an upgrade that changes them fails that test by name.
 *
 * The pin: @connectrpc/* stay at exactly 2.1.x (package.json). connect-es 2.2 declares Node >= 22;
 * this project runs on Node 20.
 */
export {
  compressedFlag,
  compressionNegotiate,
  createMethodSerializationLookup,
  encodeEnvelope,
  envelopeDecompress,
  type Compression,
  type EnvelopedMessage,
  type Serialization,
} from "@connectrpc/connect/protocol";
export * as connectProtocol from "@connectrpc/connect/protocol-connect";
export * as grpcProtocol from "@connectrpc/connect/protocol-grpc";
export * as grpcWebProtocol from "@connectrpc/connect/protocol-grpc-web";
