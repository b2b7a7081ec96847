/**
 * The contract between the hub and whatever reads prices (the Playwright scraper in production, a
 * fake in unit tests). The hub owns the symbols; a source only reads them.
 */
import type { SymbolRef } from "../symbols/symbol.js";

/**
 * Observation is one price a source read, exactly as shown (separators removed), with the day's
 * change shown beside it at that moment where the page shows one.
 */
export interface Observation {
  /** price is a decimal string such as "97123.45", "-0.5" or "0.00001234". */
  readonly price: string;
  /** observedAt is when the source saw it. */
  readonly observedAt: Date;
  /**
   * change is the day's change, a signed decimal string such as "1234.56" or "-0.45"; absent when
   * the page shows none. On TradingView it counts from the previous daily close of the symbol's
   * session (00:00 UTC for crypto on most exchanges).
   */
  readonly change?: string;
  /** changePercent is the day's change in percent, e.g. "1.23" or "-0.45" (no "%"); absent when not shown. */
  readonly changePercent?: string;
}

/**
 * FeedState is where a symbol's feed stands. `not_found` and `failed` are final: the source has
 * released the page and sends nothing more for that watch.
 */
export type FeedState = "loading" | "live" | "reconnecting" | "not_found" | "failed";

/** FeedSink receives what a source reads for one symbol. Calls never throw back into the source. */
export interface FeedSink {
  /**
   * observation is called when the price changes, or when the change beside it moves without the
   * price (the daily rollover); never twice in a row the same quote (see sameQuote in events.ts).
   */
  observation(observation: Observation): void;
  /** state is called when the feed's state changes; `detail` says why in plain words. */
  state(state: FeedState, detail?: string): void;
}

/** Feed is one symbol being watched by a source. */
export interface Feed {
  /**
   * close stops watching and releases the page. Idempotent; resolves once the page is closed.
   * After close the sink is not called again.
   */
  close(): Promise<void>;
}

/** PriceSource opens feeds. The hub calls `watch` at most once per symbol at a time. */
export interface PriceSource {
  /** watch starts reading `symbol`; state starts at `loading`. Never throws: failures are states. */
  watch(symbol: SymbolRef, sink: FeedSink): Feed;
  /** ready is true while the source can open feeds (for the readiness probe). */
  ready(): boolean;
  /** close releases every feed and the browser. Idempotent. */
  close(): Promise<void>;
}
