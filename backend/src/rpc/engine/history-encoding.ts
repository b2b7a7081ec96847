/**
 * A history event's message, built from its quotes' own encodings. A history holds up to a few
 * hundred quotes, and every new Watch of a symbol gets a new history (the newest quote moved):
 * encoding each one whole costs a new subscriber as much as the symbol's last few minutes did.
 * But the quotes in it are the very objects already fanned out, and protobuf's encodings compose:
 * a repeated message field is its elements' encodings one after another (binary), a JSON array of
 * their JSON values (JSON). So each quote is encoded once per format, when first seen, and a
 * history costs a concatenation: a Watch of 50 full histories goes from about 50 ms of
 * serialization to a few.
 */
import { create, toBinary, toJson, type DescMessage } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { HistorySchema, QuoteSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { HistoryEvent, QuoteEvent } from "../../hub/events.js";
import { quoteMessage } from "./stream-messages.js";

/** QuoteEncodings caches each quote's encoding per format; entries go with the quote (WeakMap). */
export interface QuoteEncodings {
  binary(quote: QuoteEvent): Uint8Array;
  json(quote: QuoteEvent): string;
}

/** createQuoteEncodings makes one cache; the frame cache holds one for every message type. */
export function createQuoteEncodings(): QuoteEncodings {
  const binary = new WeakMap<QuoteEvent, Uint8Array>();
  const json = new WeakMap<QuoteEvent, string>();
  const message = (quote: QuoteEvent) => create(QuoteSchema, quoteMessage(quote));
  return {
    binary(quote) {
      let bytes = binary.get(quote);
      if (!bytes) binary.set(quote, (bytes = toBinary(QuoteSchema, message(quote))));
      return bytes;
    },
    json(quote) {
      let text = json.get(quote);
      if (!text) json.set(quote, (text = JSON.stringify(toJson(QuoteSchema, message(quote)))));
      return text;
    },
  };
}

const SYMBOL = HistorySchema.field.symbol;
const QUOTES = HistorySchema.field.quotes;
const encoder = new TextEncoder();

/**
 * historyEncoder returns the serializer of `{ event: { case: "history", value } }` for `output`
 * (StreamPriceResponse or WatchResponse) in binary or JSON: the same message connect-es's
 * serializer would make, as bytes a client parses alike.
 */
export function historyEncoder(output: DescMessage, binary: boolean, quotes: QuoteEncodings): (event: HistoryEvent) => Uint8Array {
  const field = output.fields.find((each) => each.name === "history");
  if (!field) throw new Error(`${output.typeName} has no history field`);
  if (binary) {
    return (event) => {
      const writer = new BinaryWriter();
      writer.tag(field.number, WireType.LengthDelimited).fork();
      writer.tag(SYMBOL.number, WireType.LengthDelimited).string(event.symbol);
      for (const quote of event.quotes) writer.tag(QUOTES.number, WireType.LengthDelimited).bytes(quotes.binary(quote));
      return writer.join().finish();
    };
  }
  return (event) => {
    // protobuf JSON leaves out an empty repeated field; a history always has a quote, but stay exact.
    const list = event.quotes.length === 0 ? "" : `,${JSON.stringify(QUOTES.jsonName)}:[${event.quotes.map(quotes.json).join(",")}]`;
    return encoder.encode(`{${JSON.stringify(field.jsonName)}:{${JSON.stringify(SYMBOL.jsonName)}:${JSON.stringify(event.symbol)}${list}}}`);
  };
}
