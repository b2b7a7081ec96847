/** Stream items → protobuf messages. The only code besides the handlers that touches gen/. */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  SymbolState,
  type HeartbeatSchema,
  type QuoteSchema,
  type SymbolStatusSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { FeedState } from "../hub/price-source.js";
import type { HubEvent, QuoteEvent, StateEvent } from "../hub/events.js";

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
  | { case: "heartbeat"; value: MessageInitShape<typeof HeartbeatSchema> };

const states: Record<FeedState, SymbolState> = {
  loading: SymbolState.LOADING,
  live: SymbolState.LIVE,
  reconnecting: SymbolState.RECONNECTING,
  not_found: SymbolState.NOT_FOUND,
  failed: SymbolState.FAILED,
};

/** quoteMessage is the Quote for a hub quote event. */
export function quoteMessage(event: QuoteEvent): MessageInitShape<typeof QuoteSchema> {
  return { symbol: event.symbol, price: event.price, observedAt: timestampFromDate(event.observedAt) };
}

/** statusMessage is the SymbolStatus for a hub state event; `detail` is already safe to show. */
export function statusMessage(event: StateEvent): MessageInitShape<typeof SymbolStatusSchema> {
  return { symbol: event.symbol, state: states[event.state], message: event.detail };
}

/** eventOf is the oneof value for `item` in either response message. */
export function eventOf(item: StreamItem): SharedEvent {
  if (item.kind === "heartbeat") return { case: "heartbeat", value: { sentAt: timestampFromDate(item.sentAt) } };
  if (item.kind === "quote") return { case: "quote", value: quoteMessage(item) };
  return { case: "status", value: statusMessage(item) };
}
