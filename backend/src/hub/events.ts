/** What the hub hands to a subscriber. Framework-free: the rpc layer turns these into messages. */
import type { FeedState } from "./price-source.js";

/** QuoteEvent is a price of one symbol; one object is shared by every subscriber of the symbol. */
export interface QuoteEvent {
  readonly kind: "quote";
  readonly symbol: string;
  readonly price: string;
  readonly observedAt: Date;
  /** change and changePercent are the day's change shown beside the price (see Observation); absent when not shown. */
  readonly change?: string;
  readonly changePercent?: string;
}

/** StateEvent says a symbol's feed changed state; `detail` is safe to show to users. */
export interface StateEvent {
  readonly kind: "state";
  readonly symbol: string;
  readonly state: FeedState;
  readonly detail: string;
}

/**
 * HistoryEvent is a symbol's recent quotes, oldest first, the newest being its cached quote. A
 * subscriber gets it once, when it adds a symbol that has quotes, before that symbol's other
 * events; it is never conflated away. One object may be shared by several subscribers.
 */
export interface HistoryEvent {
  readonly kind: "history";
  readonly symbol: string;
  readonly quotes: readonly QuoteEvent[];
}

export type HubEvent = QuoteEvent | StateEvent | HistoryEvent;

/** isFinal is true for states after which a feed sends nothing more. */
export function isFinal(state: FeedState): boolean {
  return state === "not_found" || state === "failed";
}
