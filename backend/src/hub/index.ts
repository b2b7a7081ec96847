/**
 * The subscription hub, as code outside the backend sees it (`@crypto-stream/backend/hub`): the hub
 * itself, the PriceSource port a source implements, and the quote rules a test or benchmark
 * checks against. Backend modules import the files they need directly; the hub's own tests use
 * this entry, as an outsider would.
 */
export { createHub, type Hub, type Subscriber } from "./hub.js";
export { composeObservers } from "./compose-observers.js";
export { sameQuote, type HubEvent } from "./events.js";
export { QuoteHistory, type HistoryLimits } from "./quote-history.js";
export type { Feed, FeedSink, FeedState, Observation, PriceSource } from "./price-source.js";
export type { SymbolRef } from "../symbols/symbol.js";
