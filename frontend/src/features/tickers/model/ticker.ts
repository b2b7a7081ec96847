import { compareDecimal } from "./decimal.js";
import { NO_PRICES, pricesFromHistory, withPoint, type PricePoint, type RecentPrices } from "./price-history.js";

/**
 * TickerPhase is where one ticker stands, as the page shows it.
 * - loading: subscribed, no fresh price yet
 * - live: the latest price came on the current stream
 * - reconnecting: the server or the page's connection is re-establishing it; any price is stale
 * - not-found: the source has no such symbol (final until removed and added again)
 * - failed: no price could be read (final until removed and added again)
 * - rejected: the server refused to watch it (bad symbol, or a cap reached); never sent again
 */
export type TickerPhase = "loading" | "live" | "reconnecting" | "not-found" | "failed" | "rejected";

/** TickerView is one card's state. Immutable: a change makes a new object. */
export interface TickerView {
  readonly symbol: string;
  readonly phase: TickerPhase;
  /** price is the exact decimal string the source gave; absent before the first quote. */
  readonly price?: string | undefined;
  /** observedAt is when the source showed the price, in ms since the epoch. */
  readonly observedAt?: number | undefined;
  /** trend is how the latest price moved against the one before it. */
  readonly trend?: "up" | "down" | undefined;
  /** stale is true when the price is left over from an earlier stream or page and not live. */
  readonly stale: boolean;
  /** message says why, for not-found, failed, rejected and reconnecting; from the server. */
  readonly message?: string | undefined;
  /** revision counts price changes, so a view can restart its flash on each one. */
  readonly revision: number;
  /** change and changePercent are the day's change with the latest price; absent when unknown. */
  readonly change?: string | undefined;
  readonly changePercent?: string | undefined;
  /** recent are the latest prices, for the sparkline. */
  readonly recent: RecentPrices;
}

/** QuoteFields are what a quote tells about one ticker; empty strings mean unknown. */
export interface QuoteFields {
  readonly price: string;
  /** observedAt is in ms since the epoch; undefined when the quote did not say. */
  readonly observedAt?: number | undefined;
  readonly change?: string | undefined;
  readonly changePercent?: string | undefined;
}

/**
 * ConnectionState is the state of the page's one Watch stream.
 * - connecting: the first attempt is under way
 * - live: the stream is open and the server has confirmed the watch
 * - reconnecting: the stream dropped; a new one is being opened with backoff
 * - offline: several attempts in a row failed (or the browser is offline, or nobody listens);
 *   attempts continue in the background
 * - unauthenticated: the server refused the stream for want of a valid access token; no attempt
 *   is made until the token changes
 */
export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "unauthenticated";

/** TickerSnapshot is everything the grid renders. Tickers are sorted by symbol. */
export interface TickerSnapshot {
  readonly tickers: readonly TickerView[];
  readonly connection: ConnectionState;
}

/** newTicker is a ticker that was just added. */
export function newTicker(symbol: string): TickerView {
  return { symbol, phase: "loading", stale: false, revision: 0, recent: NO_PRICES };
}

/**
 * withQuote is `view` after a fresh quote on the current stream: its price, its day's change, and
 * one more point for the sparkline.
 */
export function withQuote(view: TickerView, quote: QuoteFields) {
  const { price, observedAt } = quote;
  const order = view.price === undefined ? undefined : compareDecimal(price, view.price);
  const trend = order === 1 ? "up" : order === -1 ? "down" : order === 0 ? view.trend : undefined;
  const changed = view.price !== price || view.stale;
  return {
    ...view,
    phase: "live",
    price,
    observedAt,
    trend,
    stale: false,
    message: undefined,
    revision: changed ? view.revision + 1 : view.revision,
    change: quote.change || undefined,
    changePercent: quote.changePercent || undefined,
    recent: observedAt === undefined ? view.recent : withPoint(view.recent, { at: observedAt, price }),
  } satisfies TickerView;
}

/**
 * withHistory is `view` after the server sent its recent quotes, oldest first: they replace the
 * sparkline's points (they are the server's truth, and cover any gap in this page's stream), and
 * the newest of them, the server's cached quote, is applied as a quote.
 */
export function withHistory(view: TickerView, quotes: readonly QuoteFields[]): TickerView {
  const points: PricePoint[] = [];
  for (const { price, observedAt } of quotes) if (observedAt !== undefined) points.push({ at: observedAt, price });
  const newest = quotes.at(-1);
  const seeded = { ...view, recent: pricesFromHistory(points) };
  return newest === undefined ? seeded : withQuote(seeded, newest);
}

/**
 * withStatus is `view` after the server said its state changed. A price is only ever made live
 * by a quote, so "live" without a fresh quote keeps waiting for one.
 */
export function withStatus(view: TickerView, phase: TickerPhase, message: string): TickerView {
  switch (phase) {
    case "live":
      return view.price !== undefined && !view.stale ? { ...view, phase, message: undefined } : view;
    case "loading":
    case "reconnecting":
      return { ...view, phase, stale: view.price !== undefined, message: message || undefined };
    default:
      return {
        ...view,
        phase,
        price: undefined,
        trend: undefined,
        stale: false,
        message,
        change: undefined,
        changePercent: undefined,
        recent: NO_PRICES,
      };
  }
}

/** isFinal tells a phase that only a remove and a new add can leave. */
export function isFinal(phase: TickerPhase): boolean {
  return phase === "not-found" || phase === "failed" || phase === "rejected";
}

/** interrupted is `view` after its stream dropped: its price is kept but no longer live. */
export function interrupted(view: TickerView): TickerView {
  if (isFinal(view.phase)) return view;
  return { ...view, phase: "reconnecting", stale: view.price !== undefined, message: undefined };
}

/** bySymbol orders symbols by code unit, so the order is the same in every locale. */
export function bySymbol(a: { symbol: string }, b: { symbol: string }): number {
  return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}
