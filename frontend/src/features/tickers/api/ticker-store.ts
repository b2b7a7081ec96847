import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import {
  PriceService,
  SymbolState,
  type WatchResponse,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { consoleLogger, type Logger } from "../../../lib/log.js";
import { parseSymbol, type SymbolParse } from "../model/symbol.js";
import * as ticker from "../model/ticker.js";
import type { ConnectionState, TickerPhase, TickerSnapshot } from "../model/ticker.js";
import { backoffDelay, defaultBackoff, type BackoffPolicy } from "./backoff.js";
import { TickerRows } from "./ticker-rows.js";

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
}

/** TickerStoreOptions are the store's dependencies; all but the first two have defaults. */
export interface TickerStoreOptions {
  transport: Transport;
  /** initialSymbols are watched from the start, e.g. the list saved by the last visit. */
  initialSymbols: readonly string[];
  /** onSymbolsChange gets the list worth keeping (rejected tickers left out) after each change. */
  onSymbolsChange?: (symbols: readonly string[]) => void;
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

/** Failed attempts in a row after which the connection reads "offline" rather than "reconnecting". */
const OFFLINE_AFTER = 3;

const PHASE_OF: Partial<Record<SymbolState, TickerPhase>> = {
  [SymbolState.LOADING]: "loading",
  [SymbolState.LIVE]: "live",
  [SymbolState.RECONNECTING]: "reconnecting",
  [SymbolState.NOT_FOUND]: "not-found",
  [SymbolState.FAILED]: "failed",
};

/** Attempt is one Watch stream: its abort controller and what the server says it watches. */
interface Attempt {
  readonly controller: AbortController;
  watchId?: string;
  server: Set<string>;
  syncing: boolean;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * createTickerStore makes the store. It owns its stream: nothing is opened until the first
 * subscriber, and everything is aborted when the last one leaves.
 */
export function createTickerStore(options: TickerStoreOptions): TickerStore {
  const client = createClient(PriceService, options.transport);
  const log = options.log ?? consoleLogger;
  const backoff = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;

  const rows = new TickerRows(options.initialSymbols);
  const listeners = new Set<{ listener: () => void }>();
  let connection: ConnectionState = "offline";
  let snapshot = takeSnapshot();
  let current: Attempt | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopListeningForTokens: (() => void) | undefined;
  // After Watch refused its symbols as a whole, open the next one empty and add them one by one,
  // so that a rejection names the symbol it is about.
  let watchAllAtOnce = true;

  function takeSnapshot(): TickerSnapshot {
    return { tickers: rows.sorted(), connection };
  }

  function publish(): void {
    snapshot = takeSnapshot();
    for (const entry of [...listeners]) entry.listener();
  }

  function persist(): void {
    options.onSymbolsChange?.(rows.watchable());
  }

  function start(): void {
    failures = 0;
    connection = "connecting";
    globalThis.addEventListener?.("online", retryNow);
    stopListeningForTokens = options.tokenChanges?.(reopen);
    open();
    publish();
  }

  function stop(): void {
    if (current !== undefined) close(current);
    current = undefined;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    globalThis.removeEventListener?.("online", retryNow);
    stopListeningForTokens?.();
    stopListeningForTokens = undefined;
    rows.interruptAll();
    connection = "offline";
    publish();
    log.info("stopped watching");
  }

  function open(): void {
    retryTimer = undefined;
    const attempt: Attempt = { controller: new AbortController(), server: new Set(), syncing: false };
    current = attempt;
    const symbols = watchAllAtOnce ? rows.watchable() : [];
    armIdleTimer(attempt);
    void run(attempt, symbols);
  }

  function close(attempt: Attempt): void {
    attempt.controller.abort();
    clearTimeout(attempt.idleTimer);
  }

  async function run(attempt: Attempt, symbols: string[]): Promise<void> {
    let failure: ConnectError;
    try {
      // Leaving this loop does not cancel the call; the abort in `close` does.
      const stream = client.watch({ symbols }, { signal: attempt.controller.signal });
      for await (const response of stream) {
        if (attempt !== current) break;
        receive(attempt, response);
      }
      failure = new ConnectError("the server ended the stream", Code.Unavailable);
    } catch (err) {
      failure = ConnectError.from(err);
    }
    if (attempt !== current) return close(attempt);
    if (attempt.watchId === undefined && isRefusal(failure) && symbols.length > 1) {
      watchAllAtOnce = false;
    }
    drop(attempt, failure);
  }

  function receive(attempt: Attempt, response: WatchResponse): void {
    armIdleTimer(attempt);
    const event = response.event;
    if (event.case === "started") {
      attempt.watchId = event.value.watchId;
      attempt.server = new Set(event.value.symbols);
      failures = 0;
      watchAllAtOnce = true;
      connection = "live";
      log.info(`connected: watching ${event.value.symbols.length} symbols`);
      publish();
      void sync(attempt);
    } else if (event.case === "quote") {
      const { symbol, price, observedAt } = event.value;
      const at = observedAt === undefined ? undefined : timestampMs(observedAt);
      rows.update(symbol, (view) => ticker.withQuote(view, price, at));
      publish();
    } else if (event.case === "status") {
      const { symbol, state, message } = event.value;
      const phase = PHASE_OF[state];
      if (phase === undefined || !rows.has(symbol)) return;
      if (ticker.isFinal(phase)) log.warn(`${symbol}: ${phase}${message ? ` (${message})` : ""}`);
      rows.update(symbol, (view) => ticker.withStatus(view, phase, message));
      publish();
    }
  }

  /** sync sends UpdateWatch calls, one at a time, until the server watches what the rows hold. */
  async function sync(attempt: Attempt): Promise<void> {
    if (attempt.syncing) return;
    attempt.syncing = true;
    try {
      while (attempt === current && attempt.watchId !== undefined) {
        const change = rows.nextChange(attempt.server);
        if (change === undefined) return;
        const { add, remove } = change;
        try {
          const response = await client.updateWatch(
            { watchId: attempt.watchId, add: add === undefined ? [] : [add], remove },
            { signal: attempt.controller.signal },
          );
          if (attempt !== current) return;
          attempt.server = new Set(response.symbols);
          if (remove !== undefined) {
            for (const symbol of remove) attempt.server.delete(symbol);
            log.info(`unsubscribed ${remove.join(", ")}`);
          } else if (attempt.server.has(add)) {
            log.info(`subscribed ${add}`);
          } else {
            reject(add, "The server did not add it.");
          }
        } catch (err) {
          if (attempt !== current) return;
          const error = ConnectError.from(err);
          if (add !== undefined && isRefusal(error)) {
            reject(add, error.rawMessage);
            continue;
          }
          // NOT_FOUND means the watch is gone; anything else puts the connection in doubt.
          // Either way a new Watch with the current tickers puts everything right, once it can
          // be authenticated (`drop` waits for a token on UNAUTHENTICATED).
          drop(attempt, error);
          return;
        }
      }
    } finally {
      attempt.syncing = false;
    }
  }

  function reject(symbol: string, message: string): void {
    log.error(`${symbol} rejected: ${message}`);
    rows.update(symbol, (view) => ticker.withStatus(view, "rejected", message));
    persist();
    publish();
  }

  function drop(attempt: Attempt, error: ConnectError): void {
    if (attempt !== current) return;
    if (error.code === Code.Unauthenticated) return lock(attempt);
    close(attempt);
    current = undefined;
    rows.interruptAll();
    const delay = backoffDelay(backoff, failures, random());
    failures += 1;
    const browserOffline = globalThis.navigator?.onLine === false;
    connection = failures >= OFFLINE_AFTER || browserOffline ? "offline" : "reconnecting";
    log.warn(
      `stream lost (${Code[error.code]}: ${error.rawMessage}); reconnecting in ${(delay / 1000).toFixed(1)} s`,
    );
    retryTimer = setTimeout(open, delay);
    publish();
  }

  /**
   * lock stops on UNAUTHENTICATED without a retry: retrying cannot help until the token changes,
   * and a page left open must not knock on the server's door every 30 s. See `tokenChanges`.
   */
  function lock(attempt: Attempt): void {
    close(attempt);
    current = undefined;
    // Tickers that never had a stream stay "loading": nothing was interrupted.
    if (attempt.watchId !== undefined) rows.interruptAll();
    connection = "unauthenticated";
    log.warn("stream refused (Unauthenticated): waiting for an access token");
    publish();
  }

  /** reopen replaces the stream, or the wait for one, with a new Watch at once. */
  function reopen(): void {
    if (current !== undefined) {
      if (current.watchId !== undefined) rows.interruptAll();
      close(current);
      current = undefined;
    }
    clearTimeout(retryTimer);
    failures = 0;
    connection = "connecting";
    log.info("access token changed: reconnecting");
    open();
    publish();
  }

  function armIdleTimer(attempt: Attempt): void {
    clearTimeout(attempt.idleTimer);
    attempt.idleTimer = setTimeout(() => {
      const seconds = Math.round(idleTimeoutMs / 1000);
      drop(attempt, new ConnectError(`no message for ${seconds} s`, Code.DeadlineExceeded));
    }, idleTimeoutMs);
  }

  function retryNow(): void {
    if (retryTimer === undefined) return;
    clearTimeout(retryTimer);
    open();
  }

  return {
    subscribe(listener) {
      const entry = { listener };
      listeners.add(entry);
      if (listeners.size === 1) start();
      return () => {
        if (listeners.delete(entry) && listeners.size === 0) stop();
      };
    },
    getSnapshot: () => snapshot,
    add(input) {
      const parsed = parseSymbol(input);
      if (!parsed.ok) return parsed;
      if (rows.has(parsed.symbol)) {
        return { ok: false, reason: `${parsed.symbol} is already in the list.` };
      }
      rows.add(parsed.symbol);
      persist();
      publish();
      // Before the watch id arrives this waits: `started` triggers the same sync.
      if (current?.watchId !== undefined) void sync(current);
      return parsed;
    },
    remove(symbol) {
      if (!rows.delete(symbol)) return;
      log.info(`removed ${symbol}`);
      persist();
      publish();
      // Before the watch id arrives this waits: `started` triggers the same sync.
      if (current?.watchId !== undefined) void sync(current);
    },
  };
}

/** isRefusal tells an error about the request's symbols, which retrying will not fix. */
function isRefusal(error: ConnectError): boolean {
  return error.code === Code.InvalidArgument || error.code === Code.ResourceExhausted;
}
