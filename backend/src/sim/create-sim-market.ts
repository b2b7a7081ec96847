/**
 * The look-alike's market: one seeded random walk per ticker, run only while someone watches.
 * The parts: symbol-table.ts (a ticker's state), symbol-feed.ts (connections and the timer),
 * price-steering.ts (what pages show) and page-bookkeeping.ts (how pages answer, and the counters).
 */
import { configDefaults } from "../config-defaults.js";
import { silentLogger, type Logger } from "../log.js";
import { createPageBookkeeping } from "./page-bookkeeping.js";
import { createPriceSteering } from "./price-steering.js";
import type { SimMarket } from "./sim-market.js";
import { createSymbolFeed } from "./symbol-feed.js";
import { createSymbolTable } from "./symbol-table.js";

/** SimMarketOptions configures createSimMarket. */
export interface SimMarketOptions {
  /** seed makes runs reproducible; each ticker's walk is seeded from it and the ticker. Default 1. */
  seed?: number;
  /** tickMs is the time between walk steps. Default 1000. */
  tickMs?: number;
  /**
   * fillDelayMs is the range [min, max] of ms each new page waits for its first price, drawn per
   * page, as TradingView's price element stays empty until its socket connects; [0, 0] fills at once.
   * Default the SIM_FILL_DELAY_MS setting's ([300, 800]): TradingView's price fills a few hundred ms
   * to about a second after load, and cold-open figures are measured with such a wait on.
   * setFillDelay overrides it per ticker until reset.
   */
  fillDelayMs?: readonly [number, number];
  /** logger receives connect and disconnect events at debug level. Default silent. */
  logger?: Logger;
}

/** createSimMarket builds a market. The caller owns it and must close() it. */
export function createSimMarket(options: SimMarketOptions = {}): SimMarket {
  const seed = options.seed ?? 1;
  const tickMs = options.tickMs ?? 1000;
  if (!Number.isFinite(tickMs) || tickMs <= 0) throw new RangeError(`tickMs must be > 0: ${tickMs}`);
  const [min, max] = options.fillDelayMs ?? configDefaults.simFillDelayMs;
  if (!(min >= 0 && max >= min)) throw new RangeError(`fillDelayMs must be [min, max] with 0 <= min <= max: [${min}, ${max}]`);
  const start = { seed, fillDelayMs: max > 0 ? ([min, max] as const) : undefined };
  const closer = new AbortController();
  const table = createSymbolTable(start);
  const feed = createSymbolFeed({ tickMs, signal: closer.signal, log: options.logger ?? silentLogger });

  return {
    isKnown: (ticker) => table.isKnown(ticker),
    ...createPriceSteering(table, feed, start),
    ...createPageBookkeeping(table),
    connect: (ticker, sink) => feed.connect(table.knownStateOf(ticker), sink),
    close() {
      if (closer.signal.aborted) return;
      closer.abort();
      for (const state of table.states()) feed.hangUp(state);
    },
    signal: closer.signal,
  };
}
