/**
 * The look-alike's market: one seeded random walk per ticker, run only while someone watches.
 */
import { silentLogger, type Logger } from "../log.js";
import { CATALOG } from "./catalog.js";
import { decimalToString, parseDecimal, rescale } from "./decimal.js";
import type { AssetKind, LiveSink, PageStatus, SimMarket } from "./sim-market.js";
import { UnknownTickerError } from "./sim-market.js";
import { createSymbolState, resetSymbolState, type SymbolState } from "./symbol-state.js";
import { fillDelay, setClockPrice, startTimer } from "./symbol-timers.js";

/** SimMarketOptions configures createSimMarket. */
export interface SimMarketOptions {
  /** seed makes runs reproducible; each ticker's walk is seeded from it and the ticker. Default 1. */
  seed?: number;
  /** tickMs is the time between walk steps. Default 1000. */
  tickMs?: number;
  /** logger receives connect and disconnect events at debug level. Default silent. */
  logger?: Logger;
}

/** createSimMarket builds a market. The caller owns it and must close() it. */
export function createSimMarket(options: SimMarketOptions = {}): SimMarket {
  const seed = options.seed ?? 1;
  const tickMs = options.tickMs ?? 1000;
  if (!Number.isFinite(tickMs) || tickMs <= 0) throw new RangeError(`tickMs must be > 0: ${tickMs}`);
  const log = options.logger ?? silentLogger;
  const symbols = new Map<string, SymbolState>();
  const assets: Record<AssetKind, number> = { image: 0, font: 0, analytics: 0 };
  const closer = new AbortController();

  const keyOf = (ticker: string) => ticker.trim().toUpperCase();
  function stateOf(ticker: string): SymbolState {
    const key = keyOf(ticker);
    let state = symbols.get(key);
    if (!state) {
      state = createSymbolState(key, CATALOG.get(key), seed);
      symbols.set(key, state);
    }
    return state;
  }
  function knownStateOf(ticker: string): SymbolState {
    if (!CATALOG.has(keyOf(ticker))) throw new UnknownTickerError(ticker);
    return stateOf(ticker);
  }

  function push(state: SymbolState, sinks: Iterable<LiveSink> = state.sinks): void {
    if (state.silent || state.withheld || !state.spec) return;
    const update = { price: decimalToString(state.price), open: state.spec.start };
    for (const sink of sinks) sink.price(update);
  }

  /** syncTimer starts or stops the walk so it runs exactly while watched and not paused. */
  function syncTimer(state: SymbolState, restart = false): void {
    const wanted = !closer.signal.aborted && state.sinks.size > 0 && (state.clock || !state.paused);
    if (state.timer && (!wanted || restart)) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    if (wanted && !state.timer) state.timer = startTimer(state, tickMs, () => push(state));
  }

  /** fill adds a connection to those pushed to, and pushes it the price now. */
  function fill(state: SymbolState, sink: LiveSink): void {
    state.filling.delete(sink);
    state.sinks.add(sink);
    state.lastFillAtMs = Date.now();
    if (state.clock) setClockPrice(state, Date.now());
    push(state, [sink]);
    syncTimer(state);
  }

  function setPrice(ticker: string, price: string): void {
    const state = knownStateOf(ticker);
    const value = parseDecimal(price);
    if (!value || value.units < 0n) {
      throw new RangeError(`price must be a plain non-negative decimal: ${JSON.stringify(price)}`);
    }
    const decimals = state.spec?.decimals ?? 0;
    const scale = Math.max(decimals, value.scale);
    state.price = rescale(value, scale);
    state.tick = 10n ** BigInt(scale - decimals);
    push(state);
    // The pushed price stays on screen for a full tick, so a test can read it.
    syncTimer(state, true);
  }

  function reset(state: SymbolState): void {
    resetSymbolState(state, seed);
    for (const [sink, timer] of state.filling) {
      clearTimeout(timer);
      fill(state, sink);
    }
    push(state);
    syncTimer(state, true);
  }

  function close(): void {
    if (closer.signal.aborted) return;
    closer.abort();
    for (const state of symbols.values()) {
      syncTimer(state);
      for (const timer of state.filling.values()) clearTimeout(timer);
      const sinks = [...state.sinks, ...state.filling.keys()];
      state.sinks.clear();
      state.filling.clear();
      for (const sink of sinks) sink.end();
    }
  }

  return {
    isKnown: (ticker) => CATALOG.has(keyOf(ticker)),
    currentPrice(ticker) {
      if (!CATALOG.has(keyOf(ticker))) return undefined;
      const state = stateOf(ticker);
      if (state.clock) setClockPrice(state, Date.now());
      return decimalToString(state.price);
    },
    setPrice,
    clock(ticker, on) {
      const state = knownStateOf(ticker);
      if (state.clock === on) return;
      state.clock = on;
      if (on) setClockPrice(state, Date.now());
      push(state);
      syncTimer(state, true);
    },
    setFillDelay(ticker, range) {
      const [min, max] = range;
      if (!(min >= 0 && max >= min)) throw new RangeError(`fill delay must be [min, max] with 0 <= min <= max: [${min}, ${max}]`);
      stateOf(ticker).fillDelayMs = max > 0 ? [min, max] : undefined;
    },
    lastFillAtMs: (ticker) => symbols.get(keyOf(ticker))?.lastFillAtMs,
    pause(ticker, paused) {
      const state = knownStateOf(ticker);
      state.paused = paused;
      syncTimer(state);
    },
    silence(ticker, silent) {
      const state = knownStateOf(ticker);
      state.silent = silent;
      if (!silent) push(state);
    },
    respondWith(ticker, status: PageStatus) {
      if (status !== 200 && status !== 404 && status !== 500) {
        throw new RangeError(`status must be 200, 404 or 500: ${String(status)}`);
      }
      stateOf(ticker).status = status;
    },
    setDelay(ticker, ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be >= 0 ms: ${ms}`);
      stateOf(ticker).delayMs = ms;
    },
    withholdPrice(ticker, withheld) {
      const state = knownStateOf(ticker);
      if (state.withheld === withheld) return;
      state.withheld = withheld;
      if (!withheld) push(state);
      else if (!state.silent) for (const sink of state.sinks) sink.clear();
    },
    rerender(ticker) {
      for (const sink of knownStateOf(ticker).sinks) sink.rerender();
    },
    reset(ticker) {
      if (ticker === undefined) for (const state of symbols.values()) reset(state);
      else reset(stateOf(ticker));
    },
    pageViews: (ticker) => symbols.get(keyOf(ticker))?.pageViews ?? 0,
    openConnections: (ticker) => {
      const state = symbols.get(keyOf(ticker));
      return state ? state.sinks.size + state.filling.size : 0;
    },
    totalOpenConnections: () => [...symbols.values()].reduce((n, s) => n + s.sinks.size + s.filling.size, 0),
    assetRequests: () => ({ ...assets }),
    close,
    signal: closer.signal,

    planPage(ticker) {
      const state = symbols.get(keyOf(ticker));
      const spec = CATALOG.get(keyOf(ticker));
      const status = state?.status ?? 200;
      return {
        status: status === 200 && !spec ? 404 : status,
        delayMs: state?.delayMs ?? 0,
        spec,
        price: spec ? decimalToString(stateOf(ticker).price) : undefined,
      };
    },
    recordPageView(ticker) {
      stateOf(ticker).pageViews += 1;
    },
    recordAsset(kind) {
      assets[kind] += 1;
    },
    connect(ticker, sink) {
      const state = knownStateOf(ticker);
      if (closer.signal.aborted) {
        sink.end();
        return () => {};
      }
      const delay = fillDelay(state);
      if (delay > 0) state.filling.set(sink, setTimeout(() => fill(state, sink), delay));
      else fill(state, sink);
      log.debug("sim.connected", { ticker: state.ticker, open: state.sinks.size + state.filling.size, fillDelayMs: delay });
      return () => {
        const timer = state.filling.get(sink);
        clearTimeout(timer);
        if (!state.filling.delete(sink) && !state.sinks.delete(sink)) return;
        log.debug("sim.disconnected", { ticker: state.ticker, open: state.sinks.size + state.filling.size });
        syncTimer(state);
      };
    },
  };
}
