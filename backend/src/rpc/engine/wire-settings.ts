/**
 * Wire settings, in one place for every serving path (connect-express, connect-node on HTTP/2, the
 * direct stream path, the frame cache): the compressions offered, each paired with the synchronous
 * frame compressor that lets the frame cache encode a frame once for every stream; the size from
 * which a message is compressed; and the largest request message read. Offering a compression
 * without its frame compressor throws when this module loads, that is at start, not per stream.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { compressionBrotli, compressionGzip } from "@connectrpc/connect-node";
import type { Compression } from "./connect-internals.js";

/**
 * COMPRESS_MIN_BYTES is the smallest message compressed when a client negotiated compression; the
 * Connect handlers get the same figure, so every frame of a stream follows one rule whoever wrote it.
 */
export const COMPRESS_MIN_BYTES = 1024;

/** READ_MAX_BYTES is the largest request message accepted on any path; a Watch of many long symbols fits easily. */
export const READ_MAX_BYTES = 64 * 1024;

/** FrameCompressor compresses one frame's data synchronously (the frame cache runs it once per frame). */
export type FrameCompressor = (data: Uint8Array) => Uint8Array;

/** WireSettings is what every serving path is configured with. */
export interface WireSettings {
  /** compressions are accepted and offered, in the server's order of preference. */
  readonly compressions: readonly Compression[];
  readonly compressMinBytes: number;
  readonly readMaxBytes: number;
  /** compressorOf names the frame compressor of an offered compression; undefined for any other name. */
  compressorOf(name: string): FrameCompressor | undefined;
}

/**
 * createWireSettings pairs each offered compression with its frame compressor.
 * @throws Error naming every offered compression that has no frame compressor.
 */
export function createWireSettings(
  offered: readonly Compression[],
  compressors: Readonly<Record<string, FrameCompressor>>,
  sizes: { compressMinBytes: number; readMaxBytes: number } = { compressMinBytes: COMPRESS_MIN_BYTES, readMaxBytes: READ_MAX_BYTES },
): WireSettings {
  const missing = offered.filter((compression) => !Object.hasOwn(compressors, compression.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new Error(`compression ${missing.join(", ")} is offered without a frame compressor: pair it with one in wire-settings.ts, or stop offering it`);
  }
  const paired = new Map(offered.map((compression) => [compression.name, compressors[compression.name]!]));
  return { compressions: [...offered], ...sizes, compressorOf: (name) => paired.get(name) };
}

/**
 * BROTLI_QUALITY: Node's default, 11, takes about 60–90 ms for one full history (39 KB of JSON) on
 * the event loop; 5 takes about 0.3 ms, as gzip does, and still packs tighter than gzip.
 */
const BROTLI_QUALITY = 5;

/** wireSettings is the server's: gzip and br, as connect-express offers by default, br at a fast quality. */
export const wireSettings: WireSettings = createWireSettings([compressionGzip, compressionBrotli], {
  gzip: (data) => gzipSync(data),
  br: (data) =>
    brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength },
    }),
});
