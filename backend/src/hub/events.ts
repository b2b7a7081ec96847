/** What the hub hands to a subscriber. Framework-free: the rpc layer turns these into messages. */
import type { AlertSpec } from "../alerts/alert-spec.js";
import type { FeedState, Observation } from "./price-source.js";

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

/**
 * AlertEvent says one of a subscriber's alerts fired on `quote`. A subscriber's quote tap makes it
 * (see Subscriber.tap); it is its subscriber's alone and is never conflated away.
 */
export interface AlertEvent {
  readonly kind: "alert";
  readonly symbol: string;
  /** alertId names the alert within its subscriber's watch. */
  readonly alertId: string;
  readonly alert: AlertSpec;
  /** quote is the quote that met the alert's condition. */
  readonly quote: QuoteEvent;
  /** reference is the earlier price a move is measured from; absent for a cross. */
  readonly reference?: string;
}

export type HubEvent = QuoteEvent | StateEvent | HistoryEvent | AlertEvent;

/** QuoteFields are what tells one quote from another: the price and the change shown beside it. */
export type QuoteFields = Pick<Observation, "price" | "change" | "changePercent">;

/**
 * sameQuote is the one rule for "the same quote", owned here for every layer that must not send
 * or must not see one twice in a row (see FeedSink.observation): equal price, change and change
 * percent as decimal texts, an absent change equal only to an absent one. The time is not part of it.
 */
export function sameQuote(a: QuoteFields, b: QuoteFields): boolean {
  return a.price === b.price && a.change === b.change && a.changePercent === b.changePercent;
}

/** isFinal is true for states after which a feed sends nothing more. */
export function isFinal(state: FeedState): boolean {
  return state === "not_found" || state === "failed";
}
