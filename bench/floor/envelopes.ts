/**
 * The floor's bytes: Connect streaming envelopes (a flag byte, a big-endian length, the message)
 * holding the same messages the product sends, in the format the client asked for.
 */
import { create, toBinary, toJsonString, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import { QuoteSchema, StreamPriceResponseSchema, WatchResponseSchema, type Quote } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";

/** WireFormat is the codec a Connect client chose with its content type. */
export type WireFormat = "json" | "proto";

/** END_STREAM_FLAG marks the envelope that ends a Connect stream. */
const END_STREAM_FLAG = 0b10;

/** envelope frames `payload` as one Connect streaming message, with connect-es's own framing. */
function envelope(payload: Uint8Array, flags = 0): Buffer {
  const frame = encodeEnvelope(flags, payload);
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
}

/** endStream is the envelope that ends a stream cleanly (`{}`: no error, no trailers). */
export function endStream(): Buffer {
  return envelope(Buffer.from("{}"), END_STREAM_FLAG);
}

function encode<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>, format: WireFormat): Buffer {
  const payload = format === "json" ? Buffer.from(toJsonString(schema, message)) : toBinary(schema, message);
  return envelope(payload);
}

/** quote builds the Quote of `symbol` at `price`, observed at `observedAtMs`. */
export function quote(symbol: string, price: string, observedAtMs: number): Quote {
  return create(QuoteSchema, { symbol, price, observedAt: timestampFromMs(observedAtMs) });
}

/** streamPriceQuote encodes one StreamPriceResponse carrying `value`. */
export function streamPriceQuote(value: Quote, format: WireFormat): Buffer {
  return encode(StreamPriceResponseSchema, create(StreamPriceResponseSchema, { event: { case: "quote", value } }), format);
}

/** watchQuote encodes one WatchResponse carrying `value`. */
export function watchQuote(value: Quote, format: WireFormat): Buffer {
  return encode(WatchResponseSchema, create(WatchResponseSchema, { event: { case: "quote", value } }), format);
}

/** watchStarted encodes a Watch stream's first message. */
export function watchStarted(watchId: string, symbols: readonly string[], format: WireFormat): Buffer {
  const message = create(WatchResponseSchema, { event: { case: "started", value: { watchId, symbols: [...symbols] } } });
  return encode(WatchResponseSchema, message, format);
}
