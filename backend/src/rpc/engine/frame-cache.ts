/**
 * Encode once: each stream item becomes bytes once per (response message type, wire format),
 * however many streams carry it. The hub hands the same event object to every subscriber of a
 * symbol, and the heartbeat schedule the same item to every idle stream, so a cache keyed on the
 * item's identity turns N serializations into one. Entries go with the item (WeakMap).
 */
import { create, type DescMessage, type DescMethodServerStreaming, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { compressedFlag, createMethodSerializationLookup, encodeEnvelope } from "./connect-internals.js";
import type { EncodeBudget } from "./encode-budget.js";
import { createQuoteEncodings, historyEncoder } from "./history-encoding.js";
import { eventOf, type StreamItem } from "./stream-messages.js";
import type { WireFormat } from "./wire-format.js";
import { wireSettings, type WireSettings } from "./wire-settings.js";

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
 * createFrameCache makes the process's cache, compressing as the wire settings say (the Connect
 * handlers get the same). Each item it serializes is counted against `budget` (see
 * encode-budget.ts), when given.
 */
export function createFrameCache(
  settings: Pick<WireSettings, "compressMinBytes" | "compressorOf"> = wireSettings,
  budget?: Pick<EncodeBudget, "spend">,
): FrameCache {
  const { compressMinBytes } = settings;
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
    const compress = format.compression === "" ? undefined : settings.compressorOf(format.compression);
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
