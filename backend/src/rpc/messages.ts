/** Hub events → protobuf messages. The only code besides the handlers that touches gen/. */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  SymbolState,
  type HistorySchema,
  type QuoteSchema,
  type SymbolStatusSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { FeedState } from "../hub/price-source.js";
import type { HistoryEvent, QuoteEvent, StateEvent } from "../hub/events.js";

const states: Record<FeedState, SymbolState> = {
  loading: SymbolState.LOADING,
  live: SymbolState.LIVE,
  reconnecting: SymbolState.RECONNECTING,
  not_found: SymbolState.NOT_FOUND,
  failed: SymbolState.FAILED,
};

export function quoteMessage(event: QuoteEvent): MessageInitShape<typeof QuoteSchema> {
  return {
    symbol: event.symbol,
    price: event.price,
    observedAt: timestampFromDate(event.observedAt),
    // Empty is "unknown" on the wire, as the proto says.
    change: event.change ?? "",
    changePercent: event.changePercent ?? "",
  };
}

export function historyMessage(event: HistoryEvent): MessageInitShape<typeof HistorySchema> {
  return { symbol: event.symbol, quotes: event.quotes.map(quoteMessage) };
}

export function statusMessage(event: StateEvent): MessageInitShape<typeof SymbolStatusSchema> {
  return { symbol: event.symbol, state: states[event.state], message: event.detail };
}

export function heartbeatMessage() {
  return { sentAt: timestampFromDate(new Date()) };
}
