/**
 * Encode once: each stream item becomes bytes once per (response message type, wire format),
 * however many streams carry it. The hub hands the same event object to every subscriber of a
 * symbol, and the heartbeat schedule the same item to every idle stream, so a cache keyed on the
 * item's identity turns N serializations into one. Entries go with the item (WeakMap).
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { create, type DescMessage, type DescMethodServerStreaming, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { compressedFlag, createMethodSerializationLookup, encodeEnvelope } from "@connectrpc/connect/protocol";
import type { EncodeBudget } from "./encode-budget.js";
import { createQuoteEncodings, historyEncoder } from "./history-encoding.js";
import { eventOf, type StreamItem } from "./stream-messages.js";
import type { WireFormat } from "./wire-format.js";

/**
 * COMPRESS_MIN_BYTES is the smallest message compressed when a client negotiated compression;
 * the same figure must be passed to the Connect middleware, so every frame of a stream follows
 * one rule whoever wrote it.
 */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * BROTLI_QUALITY: Node's default, 11, takes about 60–90 ms for one full history (39 KB of JSON) on
 * the event loop; 5 takes about 0.3 ms, as gzip does, and still packs tighter than gzip.
 */
const BROTLI_QUALITY = 5;

/** Compressions we can apply synchronously, by their negotiated names (connect-node's gzip and br). */
const compressors: Record<string, (data: Uint8Array) => Uint8Array> = {
  gzip: (data) => gzipSync(data),
  br: (data) =>
    brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength },
    }),
};

/** FrameEncoder turns stream items into enveloped data frames for one message type and format. */
export interface FrameEncoder {
  /** frame returns the item's bytes; the same array for the same item, shared: never mutate it. */
  frame(item: StreamItem): Uint8Array;
  /** has is true when `item`'s frame is encoded already, so `frame` costs no encoding. */
  has(item: StreamItem): boolean;
  /** message frames one response message (`init` is the output's init shape), uncached: a stream's head. */
  message(init: unknown): Uint8Array;
  /** envelope frames `data` with `flags` (an end-of-stream or trailer frame) under the same compression rule. */
  envelope(flags: number, data: Uint8Array): Uint8Array;
}

/** FrameCache hands out shared encoders; one per process serves every stream. */
export interface FrameCache {
  /** encoder for `method`'s response with `format`; the same object for the same pair. */
  encoder(method: DescMethodServerStreaming, format: WireFormat): FrameEncoder;
  /** serializations is how many stream items were serialized so far (for tests and profiling; heads not counted). */
  readonly serializations: number;
}

/**
 * createFrameCache makes the process's cache; `compressMinBytes` as given to the middleware. Each
 * item it serializes is counted against `budget` (see encode-budget.ts), when given.
 */
export function createFrameCache(compressMinBytes = COMPRESS_MIN_BYTES, budget?: Pick<EncodeBudget, "spend">): FrameCache {
  const encoders = new Map<string, FrameEncoder>();
  const quotes = createQuoteEncodings();
  let serializations = 0;
  const make = (method: DescMethodServerStreaming, format: WireFormat): FrameEncoder => {
    // Both streaming responses (StreamPriceResponse, WatchResponse) carry items in their `event` oneof.
    const schema: DescMessage = method.output;
    const serializer = createMethodSerializationLookup(method, undefined, undefined, {
      readMaxBytes: 0xffffffff,
      writeMaxBytes: 0xffffffff,
    }).getO(format.binary);
    const compress = format.compression === "" ? undefined : compressors[format.compression];
    if (format.compression !== "" && !compress) {
      throw new ConnectError(`no synchronous encoder for compression ${format.compression}`, Code.Internal);
    }
    const history = historyEncoder(schema, format.binary, quotes);
    const frames = new WeakMap<StreamItem, Uint8Array>();
    const envelope = (flags: number, data: Uint8Array) =>
      compress && data.byteLength >= compressMinBytes ? encodeEnvelope(flags | compressedFlag, compress(data)) : encodeEnvelope(flags, data);
    const message = (init: unknown) => envelope(0, serializer.serialize(create(schema, init as MessageInitShape<typeof schema>)));
    return {
      frame(item) {
        let bytes = frames.get(item);
        if (!bytes) {
          serializations += 1;
          const data =
            item.kind === "history"
              ? history(item)
              : serializer.serialize(create(schema, { event: eventOf(item) }));
          budget?.spend(data.byteLength);
          bytes = envelope(0, data);
          frames.set(item, bytes);
        }
        return bytes;
      },
      has: (item) => frames.has(item),
      message,
      envelope,
    };
  };
  return {
    encoder(method, format) {
      const key = `${method.parent.typeName}.${method.name}/${format.binary ? "proto" : "json"}/${format.compression}`;
      let encoder = encoders.get(key);
      if (!encoder) {
        encoder = make(method, format);
        encoders.set(key, encoder);
      }
      return encoder;
    },
    get serializations() {
      return serializations;
    },
  };
}
