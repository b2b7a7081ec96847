/**
 * The defaults of the settings that more than the config reader needs (the scraper's options, the
 * test server). One owner, so an unset variable and an omitted option mean the same thing.
 */

import { DEFAULT_EXCHANGE } from "@crypto-stream/symbols/symbol.js";

/** configDefaults: what each setting is when its variable is unset. Never mutated. */
export const configDefaults = Object.freeze({
  port: 3000,
  host: "127.0.0.1",
  tradingViewBaseUrl: "https://www.tradingview.com",
  defaultExchange: DEFAULT_EXCHANGE,
  /** headless is false: the design runs headed, under Xvfb where there is no display. */
  headless: false,
  maxSymbols: 50,
  maxSymbolsPerWatch: 50,
  maxAlertsPerWatch: 50,
  /** maxSymbolsPerClient is well below maxSymbols, so one client cannot take every slot. */
  maxSymbolsPerClient: 20,
  /** pageOpensPerMinutePerClient and pageOpensPerMinute bound the pages new symbols open, per client and overall. */
  pageOpensPerMinutePerClient: 30,
  pageOpensPerMinute: 120,
  maxConcurrentOpens: 4,
  /** sparePages: blank tabs kept ready so a cold symbol skips creating one (docs/performance/fan-out.md). */
  sparePages: 10,
  maxStreamsPerClient: 100,
  /** Connections: above the stream cap (an HTTP/1.1 stream holds one), far below what a process can hold. */
  maxConnectionsPerClient: 200,
  maxConnections: 10_000,
  /** requestTimeoutMs bounds sending a request, never a stream's life. */
  requestTimeoutMs: 10_000,
  stallTimeoutMs: 30_000,
  firstPriceTimeoutMs: 20_000,
  silenceTimeoutMs: 120_000,
  heartbeatIntervalMs: 15_000,
  /** historyMaxPoints and historyWindowMs bound each symbol's recent quotes: 300 or 15 minutes, whichever is fewer. */
  historyMaxPoints: 300,
  historyWindowMs: 900_000,
  shutdownTimeoutMs: 10_000,
  logLevel: "info",
  simSeed: 42,
  simTickMs: 1_000,
  /** simFillDelayMs: how long a look-alike page waits for its first price, as TradingView's does. */
  simFillDelayMs: [300, 800] as readonly [number, number],
  clusterLeaseTtlMs: 5_000,
  clusterInterestTtlMs: 15_000,
} as const);
