/**
 * The contract of the look-alike's market: per-symbol prices that move by a seeded random walk,
 * the knobs tests and the benchmark turn, and the counters that prove cleanup.
 */
import type { PairSpec } from "./catalog.js";
import type { ChangeSteer } from "./change-steer.js";
import type { ShownChange } from "./day-change.js";

/** PageStatus is what a symbol page answers: the page, TradingView's 404 page, or a plain 500. */
export type PageStatus = 200 | 404 | 500;

/** AssetKind names the side requests a page makes, so tests can see whether they were blocked. */
export type AssetKind = "image" | "font" | "analytics";

/** PriceUpdate is one push to a page: the price now and the change area beside it. */
export interface PriceUpdate {
  /** price is a plain decimal, e.g. "97123.45". */
  readonly price: string;
  /** change is what the change area shows, undefined while it is hidden (empty). */
  readonly change: ShownChange | undefined;
}

/**
 * LiveSink is one open live connection as the market sees it. The router implements it over SSE;
 * the market calls it from its timers and steering methods. Methods must not throw.
 */
export interface LiveSink {
  /** price shows a new price. */
  price(update: PriceUpdate): void;
  /** clear empties the price element (the price is withheld). */
  clear(): void;
  /** rerender makes the page replace its price element with a fresh node. */
  rerender(): void;
  /** end closes the connection from the server side (the market is closing). */
  end(): void;
}

/** PagePlan is how the router should answer one symbol-page request. */
export interface PagePlan {
  /** status to answer; an unknown ticker answers 404 unless steered to 500. */
  readonly status: PageStatus;
  /** delayMs to wait before answering. */
  readonly delayMs: number;
  /** spec of the pair, absent for an unknown ticker. */
  readonly spec: PairSpec | undefined;
  /** price at render time (for JSON-LD), absent for an unknown ticker. */
  readonly price: string | undefined;
  /** hostileBinding, when set, is the binding a hostile frame on the page calls (hostile-page.ts). */
  readonly hostileBinding: string | undefined;
  /** probeUrls are addresses the page tries to reach (hostile-page.ts); empty for none. */
  readonly probeUrls: readonly string[];
}

/** UnknownTickerError is thrown when a price is steered for a ticker the market does not know. */
export class UnknownTickerError extends Error {
  override readonly name = "UnknownTickerError";
  constructor(readonly ticker: string) {
    super(`the sim does not know ticker ${JSON.stringify(ticker)}`);
  }
}

/**
 * SimMarket holds the look-alike's state. Each method's `ticker` is `TICKER` or `EXCHANGE:TICKER`,
 * matched upper-cased and trimmed; a bare ticker is BINANCE's. Each exchange's market of a ticker is
 * its own, with a walk seeded from `EXCHANGE:TICKER` and a level a few basis points from BINANCE's,
 * as exchanges' prices differ; a ticker in the catalog is known on any plausible exchange. Steering takes effect at once on open pages. Price steering of an unknown
 * ticker throws UnknownTickerError; page steering (status, delay) works for any ticker.
 * A symbol's walk runs only while it has a live connection and is not paused. The creator owns the
 * market and must call close().
 */
export interface SimMarket {
  /** isKnown says whether `ticker` has a symbol page. */
  isKnown(ticker: string): boolean;
  /** currentPrice is the price as a plain decimal, undefined for an unknown ticker. */
  currentPrice(ticker: string): string | undefined;
  /**
   * setPrice pushes exactly `price` (a plain non-negative decimal such as "97123.45") now and
   * continues the walk from it, a full tick later. Extra fraction digits are kept: the walk then
   * moves by the pair's tick size at the finer scale.
   * @throws RangeError for a malformed price, UnknownTickerError for an unknown ticker.
   */
  setPrice(ticker: string, price: string): void;
  /**
   * steerChange changes the change area beside the price (see ChangeSteer: the day's open, a
   * rollover, pinned or hidden values, the legacy percent format) and pushes the price now with it,
   * so a change that moves without the price reaches open pages too.
   * @throws RangeError for a malformed value, UnknownTickerError for an unknown ticker.
   */
  steerChange(ticker: string, steer: ChangeSteer): void;
  /**
   * currentChange is what the change area shows now as plain signed decimals ("-0.45", percent
   * "1.23"), undefined while hidden or for an unknown ticker.
   */
  currentChange(ticker: string): { readonly value: string; readonly percent: string } | undefined;
  /**
   * clock switches clock mode on or off: while on, the price is clockPrice(clockTick(now)) at the
   * pair's decimals, changing at every CLOCK_TICK_MS boundary of wall-clock time (pause has no
   * effect), so a client can read from a price when it was shown. Off resumes the walk from there.
   * @throws UnknownTickerError for an unknown ticker.
   */
  clock(ticker: string, on: boolean): void;
  /**
   * setFillDelay makes each new live connection get its first price (and any after it) only after
   * a random delay in [min, max] ms, as a real page fills its price a while after it loads;
   * [0, 0] restores an immediate fill. Works for any ticker.
   * @throws RangeError unless 0 <= min <= max.
   */
  setFillDelay(ticker: string, range: readonly [number, number]): void;
  /** lastFillAtMs is when a connection to `ticker` last got its first price (wall-clock ms), if ever. */
  lastFillAtMs(ticker: string): number | undefined;
  /** clockSkipped counts the clock ticks of `ticker` never shown because the clock ran late (0 if none). */
  clockSkipped(ticker: string): number;
  /** lastPageViewAtMs is when a symbol page of `ticker` was last served (wall-clock ms), if ever. */
  lastPageViewAtMs(ticker: string): number | undefined;
  /** pause stops (true) or resumes (false) the walk; connections stay open and setPrice works. */
  pause(ticker: string, paused: boolean): void;
  /**
   * silence keeps connections open but pushes nothing (not even setPrice) while true, like
   * TradingView's socket going quiet; the walk goes on, and un-silencing pushes the price now.
   */
  silence(ticker: string, silent: boolean): void;
  /** respondWith makes the symbol page answer `status`; 200 restores the normal answer. */
  respondWith(ticker: string, status: PageStatus): void;
  /**
   * embedHostileFrame makes the symbol page carry a sandboxed iframe that calls `binding` with a
   * price, a megabyte "price" and a not-found, as a hostile third-party frame could (undefined removes
   * it). A test mode: it proves the scraper believes only the page's own main frame.
   * @throws RangeError when `binding` is not a plain identifier.
   */
  embedHostileFrame(ticker: string, binding: string | undefined): void;
  /**
   * probeNetwork makes the symbol page fetch each http(s) URL and open a WebSocket to each ws(s) URL
   * of `urls` once loaded, as a hostile script could; [] stops it. A test mode: it proves the scraper
   * keeps its pages off this machine and its private network.
   * @throws RangeError for more than 16 URLs, or one that is not an absolute http(s)/ws(s) URL.
   */
  probeNetwork(ticker: string, urls: readonly string[]): void;
  /** setDelay delays each symbol-page response by `ms` (0 for none). */
  setDelay(ticker: string, ms: number): void;
  /** withholdPrice empties the price element (true) and keeps it empty until false. */
  withholdPrice(ticker: string, withheld: boolean): void;
  /** rerender makes open pages replace the price element with a fresh node (even when silent). */
  rerender(ticker: string): void;
  /**
   * reset restores one ticker (or every ticker) to its start: price, walk seed, flags, status,
   * delay and page views. Open connections stay open and are pushed the reset price.
   */
  reset(ticker?: string): void;
  /** pageViews counts symbol-page responses served for `ticker` (any status) since start or reset. */
  pageViews(ticker: string): number;
  /** openConnections counts live connections open to `ticker` now. */
  openConnections(ticker: string): number;
  /** totalOpenConnections counts live connections open to any ticker now. */
  totalOpenConnections(): number;
  /** assetRequests counts image, font and analytics requests served since start. */
  assetRequests(): Readonly<Record<AssetKind, number>>;
  /** close stops every timer and ends every live connection. Idempotent. */
  close(): void;
  /** signal aborts when the market closes; the router ends pending delayed responses with it. */
  readonly signal: AbortSignal;

  /** @internal planPage tells the router how to answer a page request; it does not count it. */
  planPage(ticker: string): PagePlan;
  /** @internal recordPageView counts one served symbol page. */
  recordPageView(ticker: string): void;
  /** @internal recordAsset counts one side request. */
  recordAsset(kind: AssetKind): void;
  /**
   * @internal connect registers a live connection to a known ticker and returns its idempotent
   * disconnect. The sink gets the current price at once unless silenced or withheld.
   * @throws UnknownTickerError for an unknown ticker.
   */
  connect(ticker: string, sink: LiveSink): () => void;
}
