/**
 * The ticker store: the page's tickers, and the one Watch stream that feeds them all. The parts
 * live next to it: ticker-rows (the list and each ticker's view), watch-connection (the reconnect
 * loop), watch-attempt (one Watch call), watch-events (quotes, histories and statuses into rows) and
 * watch-sync (the UpdateWatch queue).
 */
import { createClient, type Transport } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { defaultBackoff, type BackoffPolicy } from "../../../lib/backoff.js";
import { consoleLogger, type Logger } from "../../../lib/log.js";
import { parseSymbol, type SymbolParse } from "../model/symbol.js";
import * as ticker from "../model/ticker.js";
import type { TickerSnapshot } from "../model/ticker.js";
import { TickerRows } from "./ticker-rows.js";
import { WatchConnection } from "./watch-connection.js";
import { createFollower, createListeners } from "../../../lib/listeners.js";

/** TickerStore holds the page's tickers and the one Watch stream that feeds them all. */
export interface TickerStore {
  /**
   * subscribe registers `listener` for changes. The first listener opens the Watch stream; when
   * the last one leaves, the stream is aborted and any pending reconnect cancelled.
   * @returns the function that unsubscribes; calling it twice is harmless.
   */
  subscribe(listener: () => void): () => void;
  /** getSnapshot returns the current state; the same object until something changes. */
  getSnapshot(): TickerSnapshot;
  /** add validates and adds a ticker; a malformed or duplicate one is refused and never sent. */
  add(input: string): SymbolParse;
  /** remove stops watching `symbol`; unknown symbols are ignored. */
  remove(symbol: string): void;
  /**
   * replace watches exactly `symbols` (as saved: exchange named, or bare for the server's
   * default), e.g. when another watchlist opens; tickers in both keep their prices.
   */
  replace(symbols: readonly string[]): void;
}

/** TickerStoreOptions are the store's dependencies; all but the first two have defaults. */
export interface TickerStoreOptions {
  transport: Transport;
  /** initialSymbols are watched from the start, e.g. the list saved by the last visit. */
  initialSymbols: readonly string[];
  /**
   * initialDefaultExchange is the server's default exchange as last heard, saved with the list: it
   * names the first cards (BTCUSD, not BINANCE:BTCUSD) until the server says its own.
   */
  initialDefaultExchange?: string | undefined;
  /**
   * onSymbolsChange gets the list worth keeping after each change: rejected tickers left out, and
   * each exchange named once the server said its default, so the list keeps naming the same
   * markets if that default changes.
   */
  onSymbolsChange?: (symbols: readonly string[], defaultExchange: string | undefined) => void;
  /**
   * onPrice hears each new price of a ticker in the list, by the id its card shows, before the
   * store publishes it: price alerts watch the prices through it.
   */
  onPrice?: (symbol: string, price: string) => void;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** random feeds the backoff jitter; fixed in tests. */
  random?: () => number;
  /** idleTimeoutMs: a stream silent this long, heartbeats included, is taken as dead. */
  idleTimeoutMs?: number;
  /**
   * tokenChanges, when given, registers a listener for a new or forgotten access token and
   * returns its unsubscribe. The store listens while it has subscribers, and on each change
   * reopens its stream at once: the only way out of "unauthenticated", where it waits without
   * retrying.
   */
  tokenChanges?: (listener: () => void) => () => void;
}

/**
 * createTickerStore makes the store. It owns its stream: nothing is opened until the first
 * subscriber, and everything is aborted when the last one leaves.
 */
export function createTickerStore(options: TickerStoreOptions): TickerStore {
  const log = options.log ?? consoleLogger;
  const rows = new TickerRows(options.initialSymbols, options.initialDefaultExchange);
  const listeners = createListeners(start, stop);
  const connection = new WatchConnection({
    client: createClient(PriceService, options.transport),
    rows,
    log,
    backoff: options.backoff ?? defaultBackoff,
    random: options.random ?? Math.random,
    idleTimeoutMs: options.idleTimeoutMs ?? 45_000,
    changed: publish,
    renamed: persist,
    reject,
    priced: (symbol, price) => options.onPrice?.(symbol, price),
  });
  const tokens = createFollower(options.tokenChanges, () => connection.reopen());
  let snapshot = takeSnapshot();

  function takeSnapshot(): TickerSnapshot {
    return { tickers: rows.sorted(), connection: connection.state };
  }

  function publish(): void {
    snapshot = takeSnapshot();
    listeners.notify();
  }

  function persist(): void {
    options.onSymbolsChange?.(rows.qualified(), rows.defaultExchange);
  }

  function reject(symbol: string, message: string): void {
    log.error(`${symbol} rejected: ${message}`);
    rows.update(symbol, (view) => ticker.withStatus(view, "rejected", message));
    persist();
    publish();
  }

  function start(): void {
    tokens.start();
    connection.start();
  }

  function stop(): void {
    tokens.stop();
    connection.stop();
  }

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => snapshot,
    add(input) {
      const parsed = parseSymbol(input, rows.defaultExchange);
      if (!parsed.ok) return parsed;
      if (rows.has(parsed.symbol)) {
        return { ok: false, reason: `${parsed.symbol} is already in the list.` };
      }
      rows.add(parsed.symbol);
      persist();
      publish();
      connection.syncRows();
      return parsed;
    },
    remove(symbol) {
      if (!rows.delete(symbol)) return;
      log.info(`removed ${symbol}`);
      persist();
      publish();
      connection.syncRows();
    },
    replace(symbols) {
      rows.replace(symbols);
      log.info(`watching a list of ${rows.watchable().length} tickers`);
      persist();
      publish();
      connection.syncRows();
    },
  };
}
