/** Stream items → protobuf messages. With alert-messages.ts, the only code besides the handlers that touches gen/. */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  SymbolState,
  type AlertTriggeredSchema,
  type HeartbeatSchema,
  type HistorySchema,
  type QuoteSchema,
  type SymbolStatusSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { FeedState } from "../../hub/price-source.js";
import type { AlertEvent, HistoryEvent, HubEvent, QuoteEvent, StateEvent } from "../../hub/events.js";
import { alertTriggeredMessage } from "./alert-messages.js";

/** HeartbeatItem tells an idle stream it is alive; one object serves every stream of a round. */
export interface HeartbeatItem {
  readonly kind: "heartbeat";
  readonly sentAt: Date;
}

/** StreamItem is what a server stream carries after its first message. */
export type StreamItem = HubEvent | HeartbeatItem;

/** SharedEvent is the oneof value StreamPriceResponse and WatchResponse share. */
export type SharedEvent =
  | { case: "quote"; value: MessageInitShape<typeof QuoteSchema> }
  | { case: "status"; value: MessageInitShape<typeof SymbolStatusSchema> }
  | { case: "heartbeat"; value: MessageInitShape<typeof HeartbeatSchema> }
  | { case: "history"; value: MessageInitShape<typeof HistorySchema> };

/** WatchEvent is WatchResponse's oneof value: the shared ones, and fired alerts (only a watch has alerts). */
export type WatchEvent = SharedEvent | { case: "alertTriggered"; value: MessageInitShape<typeof AlertTriggeredSchema> };

/** symbolStates maps the hub's feed states to the wire enum (PriceService and StatusService alike). */
export const symbolStates: Readonly<Record<FeedState, SymbolState>> = {
  loading: SymbolState.LOADING,
  live: SymbolState.LIVE,
  reconnecting: SymbolState.RECONNECTING,
  not_found: SymbolState.NOT_FOUND,
  failed: SymbolState.FAILED,
};

/** quoteMessage is the Quote for a hub quote event; empty change fields mean unknown. */
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

/** historyMessage is the History for a hub history event. */
function historyMessage(event: HistoryEvent): MessageInitShape<typeof HistorySchema> {
  return { symbol: event.symbol, quotes: event.quotes.map(quoteMessage) };
}

/** statusMessage is the SymbolStatus for a hub state event; `detail` is already safe to show. */
function statusMessage(event: StateEvent): MessageInitShape<typeof SymbolStatusSchema> {
  return { symbol: event.symbol, state: symbolStates[event.state], message: event.detail };
}

/** heartbeatMessage says the stream is alive at `sentAt` (now by default). */
export function heartbeatMessage(sentAt = new Date()): MessageInitShape<typeof HeartbeatSchema> {
  return { sentAt: timestampFromDate(sentAt) };
}

/** sharedEventOf is the oneof value for `item` in either response message. */
export function sharedEventOf(item: Exclude<StreamItem, AlertEvent>): SharedEvent {
  if (item.kind === "heartbeat") return { case: "heartbeat", value: heartbeatMessage(item.sentAt) };
  if (item.kind === "quote") return { case: "quote", value: quoteMessage(item) };
  if (item.kind === "history") return { case: "history", value: historyMessage(item) };
  return { case: "status", value: statusMessage(item) };
}

/** eventOf is the oneof value for `item`; an alert is WatchResponse's alone, and only a watch's subscriber has them. */
export function eventOf(item: StreamItem): WatchEvent {
  if (item.kind === "alert") return { case: "alertTriggered", value: alertTriggeredMessage(item, quoteMessage) };
  return sharedEventOf(item);
}
