/**
 * What createHub (hub.ts) and its feed table take: a file of its own, so that the table, which the
 * hub builds, need not import the hub.
 */
import type { Logger } from "../log.js";
import type { FeedState, Observation, PriceSource } from "./price-source.js";
import type { HistoryLimits } from "./quote-history.js";

/** HubOptions configure createHub. */
export interface HubOptions {
  source: PriceSource;
  /** maxSymbols caps the symbols with an open feed at once, across all subscribers. */
  maxSymbols: number;
  logger: Logger;
  /** observer hears what feeds do (for metrics); it must be cheap and must not throw. */
  observer?: HubObserver;
  /**
   * history bounds each symbol's recent quotes, kept from its page's opening to its teardown and
   * sent once to each new subscriber. The caller decides (main.ts from its config): the hub reads
   * no configuration of its own.
   */
  history: HistoryLimits;
}

/**
 * HubObserver hears plain facts about every feed, in the order they happen: a feed opening is a
 * `state` of `loading`, then come its observations and state changes, and `released` when the
 * hub lets go of the symbol (its last subscriber left or the hub closed).
 */
export interface HubObserver {
  observation(symbol: string, observation: Observation): void;
  state(symbol: string, state: FeedState, detail: string): void;
  released(symbol: string): void;
}
