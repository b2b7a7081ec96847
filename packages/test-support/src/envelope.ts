/**
 * The 5-byte prefix every streaming message carries in Connect, gRPC and gRPC-Web (a flags byte,
 * then the length, big-endian), written by hand so that raw-client tests do not share the server's
 * own framing code.
 */

/**
 * envelope frames one uncompressed message: `message` as bytes, or any other value as its JSON.
 * `declared` overrides the length the prefix claims (for tests of a lying or oversized frame).
 */
export function envelope(message: Uint8Array | object, declared?: number): Buffer {
  const data = message instanceof Uint8Array ? message : Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(5);
  head.writeUInt32BE(declared ?? data.length, 1);
  return Buffer.concat([head, data]);
}
