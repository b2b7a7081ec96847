/**
 * How big each scenario is. The full plan holds the targets in docs/performance/targets.md; the quick plan runs the same code small
 * enough for CI (at most 100 subscribers, a few seconds per scenario) and proves only that it runs.
 */

/** Plan sizes every scenario; every count and duration in the run comes from here. */
export interface Plan {
  /** scenarioTimeoutMs bounds each scenario, waits included. */
  readonly scenarioTimeoutMs: number;
  readonly detection: { readonly ticker: string; readonly samples: number; readonly gapMs: readonly [number, number] };
  readonly delivery: {
    readonly ticker: string;
    /** levels of concurrent subscribers, opened cumulatively. */
    readonly levels: readonly number[];
    /** targetLevel is the level whose p99 has a target (docs/performance/targets.md). */
    readonly targetLevel: number;
    readonly changesPerSecond: number;
    readonly windowMs: number;
    /** batch is how many streams open at once. */
    readonly batch: number;
  };
  readonly firstQuote: { readonly cachedTicker: string; readonly cachedSamples: number; readonly coldTickers: readonly string[] };
  readonly breadth: { readonly levels: readonly number[]; readonly targetLevel: number; readonly windowMs: number };
  readonly watch: { readonly symbols: number; readonly windowMs: number };
  readonly baseline: { readonly ticker: string; readonly samples: number; readonly gapMs: readonly [number, number]; readonly pollMs: number };
  readonly redisHop: {
    readonly ticker: string;
    /** clients per server: on the standalone server, on the cluster's owner, on the other instance. */
    readonly clients: number;
    /** changes steered in each window, at `changesPerSecond`. */
    readonly changes: number;
    readonly changesPerSecond: number;
  };
  /** floor: the server's fan-out beside the bare node:http floor, in clock mode (4 changes/s). */
  readonly floor: {
    readonly ticker: string;
    /** levels of StreamPrice subscribers; the first carries the 2×/2.5×/3× targets, the last the 3× one. */
    readonly levels: readonly number[];
    /** processes the clients of each level are spread over (same index as levels). */
    readonly processes: readonly number[];
    /** watches: Watch clients of `watchSymbols` symbols each. */
    readonly watches: number;
    readonly watchSymbols: number;
    /** idle: subscribers held without ticks to weigh RSS per subscriber. */
    readonly idle: number;
    readonly windowMs: number;
    readonly batch: number;
    /** openTimeoutMs bounds the opening of one level's streams (10,000 on a starved 2-core machine take minutes). */
    readonly openTimeoutMs: number;
    /**
     * slow: the deliberately slow client, a Watch of `symbols` clock symbols of its own (enough to
     * fill the kernel's megabytes of loopback buffers within `fillLimitMs`), stalled until they are
     * full and `holdMs` more, beside `fast` Watch clients of the same symbols.
     */
    readonly slow: { readonly symbols: number; readonly fast: number; readonly fillLimitMs: number; readonly holdMs: number };
  };
  /**
   * http2: gRPC StreamPrice over HTTP/2 (h2c) beside the bare node:http2 floor, in clock mode:
   * `streams` streams spread over each count of `connections` (the first carries the CPU target),
   * and, first, `idle` streams held without ticks to weigh RSS per stream, `idleRounds` times
   * (the median is the figure: one weighing moves with the heap's collections).
   */
  readonly http2: {
    readonly ticker: string;
    readonly streams: number;
    readonly connections: readonly number[];
    readonly processes: number;
    readonly idle: number;
    readonly idleRounds: number;
    readonly windowMs: number;
    readonly batch: number;
    readonly openTimeoutMs: number;
  };
  /** coldOpens: cold tickers, each page filling its price a random 0.3–0.8 s after load (the look-alike's default). */
  readonly coldOpens: {
    /** tickers requested at once, in each of `rounds` rounds. */
    readonly tickers: readonly string[];
    readonly rounds: number;
    /** singles: rounds of one cold ticker alone. */
    readonly singles: number;
    readonly fillDelayMs: readonly [number, number];
  };
}

/**
 * COINS are look-alike tickers without their quote currency, in the look-alike's catalog order;
 * scenarios 5 and 6 take theirs from here (`${coin}USDT`, `${coin}USD`).
 */
export const COINS: readonly string[] = [
  "BTC", "ETH", "XRP", "BNB", "SOL", "USDC", "DOGE", "ADA", "TRX", "LINK",
  "AVAX", "XLM", "SUI", "TON", "HBAR", "SHIB", "DOT", "LTC", "BCH", "HYPE",
  "UNI", "XMR", "PEPE", "AAVE", "NEAR", "APT", "ICP", "ETC", "ONDO", "POL",
  "TAO", "KAS", "CRO", "VET", "ALGO", "FIL", "RENDER", "ARB", "ATOM", "OP",
  "FET", "INJ", "STX", "IMX", "TIA", "SEI", "GRT", "BONK", "WIF", "MKR",
  "ENA", "JUP", "LDO",
];

/** FULL is the whole benchmark, the Redis hop included; it takes about seven minutes on a 2-core machine. */
export const FULL: Plan = {
  scenarioTimeoutMs: 240_000,
  detection: { ticker: "BTCUSD", samples: 200, gapMs: [100, 200] },
  delivery: { ticker: "ETHUSD", levels: [1, 100, 1_000, 10_000], targetLevel: 1_000, changesPerSecond: 10, windowMs: 10_000, batch: 250 },
  firstQuote: { cachedTicker: "BTCUSD", cachedSamples: 100, coldTickers: ["SOLUSD", "XRPUSD", "ADAUSD", "DOTUSD", "LTCUSD"] },
  breadth: { levels: [1, 10, 50], targetLevel: 10, windowMs: 10_000 },
  watch: { symbols: 30, windowMs: 10_000 },
  baseline: { ticker: "BNBUSD", samples: 60, gapMs: [700, 1_300], pollMs: 500 },
  redisHop: { ticker: "LINKUSD", clients: 10, changes: 200, changesPerSecond: 10 },
  floor: { ticker: "AVAXUSD", levels: [1_000, 10_000], processes: [2, 4], watches: 1_000, watchSymbols: 10, idle: 2_000, windowMs: 10_000, batch: 250, openTimeoutMs: 300_000, slow: { symbols: 50, fast: 20, fillLimitMs: 300_000, holdMs: 8_000 } },
  http2: { ticker: "SEIUSD", streams: 1_000, connections: [10, 1_000], processes: 2, idle: 2_000, idleRounds: 3, windowMs: 10_000, batch: 250, openTimeoutMs: 300_000 },
  coldOpens: { tickers: COINS.slice(30, 40).map((coin) => `${coin}USDT`), rounds: 3, singles: 5, fillDelayMs: [300, 800] },
};

/** QUICK runs every scenario in a few seconds each. */
export const QUICK: Plan = {
  scenarioTimeoutMs: 60_000,
  detection: { ticker: "BTCUSD", samples: 20, gapMs: [100, 200] },
  delivery: { ticker: "ETHUSD", levels: [1, 10, 100], targetLevel: 1_000, changesPerSecond: 10, windowMs: 2_000, batch: 50 },
  firstQuote: { cachedTicker: "BTCUSD", cachedSamples: 20, coldTickers: ["SOLUSD", "XRPUSD"] },
  breadth: { levels: [1, 3], targetLevel: 10, windowMs: 3_000 },
  watch: { symbols: 5, windowMs: 3_000 },
  baseline: { ticker: "BNBUSD", samples: 6, gapMs: [700, 1_300], pollMs: 500 },
  redisHop: { ticker: "LINKUSD", clients: 3, changes: 20, changesPerSecond: 10 },
  floor: { ticker: "AVAXUSD", levels: [50], processes: [1], watches: 20, watchSymbols: 3, idle: 50, windowMs: 2_000, batch: 50, openTimeoutMs: 60_000, slow: { symbols: 3, fast: 5, fillLimitMs: 3_000, holdMs: 1_000 } },
  http2: { ticker: "SEIUSD", streams: 50, connections: [2, 50], processes: 1, idle: 50, idleRounds: 1, windowMs: 2_000, batch: 50, openTimeoutMs: 60_000 },
  coldOpens: { tickers: COINS.slice(30, 33).map((coin) => `${coin}USDT`), rounds: 1, singles: 1, fillDelayMs: [300, 800] },
};
