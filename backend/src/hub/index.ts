export { createHub, type Hub, type HubObserver, type HubOptions, type HubStats, type Subscriber } from "./hub.js";
export { HubClosedError, SymbolLimitError } from "./errors.js";
export { isFinal, type HubEvent, type QuoteEvent, type StateEvent } from "./events.js";
export type { Feed, FeedSink, FeedState, Observation, PriceSource } from "./price-source.js";
