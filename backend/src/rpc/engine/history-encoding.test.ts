import { create, fromBinary, fromJsonString, toBinary, toJsonString } from "@bufbuild/protobuf";
import { StreamPriceResponseSchema, WatchResponseSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { describe, expect, it } from "vitest";
import type { HistoryEvent, QuoteEvent } from "../../hub/events.js";
import { createQuoteEncodings, historyEncoder } from "./history-encoding.js";
import { eventOf } from "./stream-messages.js";

const quote = (price: string, change?: string): QuoteEvent => ({
  kind: "quote",
  symbol: "BTCUSD",
  price,
  observedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
  ...(change ? { change, changePercent: "-0.5" } : {}),
});
const history: HistoryEvent = { kind: "history", symbol: "BTCUSD", quotes: [quote("97000.00"), quote("97001.5", "-12.25"), quote("−1")] };

describe("history encoding", () => {
  for (const schema of [WatchResponseSchema, StreamPriceResponseSchema]) {
    it(`when a history is composed from its quotes for ${schema.name}, then binary and JSON parse to what protobuf-es encodes whole`, () => {
      const whole = create(schema, { event: eventOf(history) });
      const quotes = createQuoteEncodings();
      const binary = historyEncoder(schema, true, quotes)(history);
      expect(fromBinary(schema, binary)).toEqual(whole);
      expect(binary).toEqual(toBinary(schema, whole));
      const json = new TextDecoder().decode(historyEncoder(schema, false, quotes)(history));
      expect(fromJsonString(schema, json)).toEqual(whole);
      expect(JSON.parse(json)).toEqual(JSON.parse(toJsonString(schema, whole)));
    });
  }

  it("when the same quote is in two histories, then it is encoded once per format", () => {
    const quotes = createQuoteEncodings();
    const shared = history.quotes[0]!;
    expect(quotes.json(shared)).toBe(quotes.json(shared));
    expect(quotes.binary(shared)).toBe(quotes.binary(shared));
  });
});
