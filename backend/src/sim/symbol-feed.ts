/**
 * @internal The live side of a ticker: pushing its price to the pages connected to it, filling new
 * connections (at once or after the fill delay), and running its timer exactly while someone
 * watches. Only the sim market's own files use it.
 */
import type { Logger } from "../log.js";
import { shownChange } from "./day-change.js";
import { decimalToString } from "./decimal.js";
import type { LiveSink } from "./sim-market.js";
import type { SymbolState } from "./symbol-state.js";
import { fillDelay, setClockPrice, startTimer } from "./symbol-timers.js";

/** @internal SymbolFeed moves prices from a ticker's state to its open connections. */
export interface SymbolFeed {
  /** push sends the price now to `sinks` (default: every filled connection) unless silent or withheld. */
  push(state: SymbolState, sinks?: Iterable<LiveSink>): void;
  /**
   * syncTimer starts or stops the walk (or clock) so it runs exactly while watched, not paused and
   * not closed; `restart` starts it afresh, so the price now stays for a full tick.
   */
  syncTimer(state: SymbolState, restart?: boolean): void;
  /** admitWaiting moves connections still waiting out their fill delay to the filled ones, unpushed. */
  admitWaiting(state: SymbolState): void;
  /**
   * connect adds `sink` and returns its idempotent disconnect; once `signal` has aborted it ends
   * the sink at once instead. The caller checks that the ticker is known.
   */
  connect(state: SymbolState, sink: LiveSink): () => void;
  /** hangUp stops the ticker's timers and ends every connection; call it after `signal` aborts. */
  hangUp(state: SymbolState): void;
}

/** @internal SymbolFeedOptions configures createSymbolFeed. */
export interface SymbolFeedOptions {
  /** tickMs is the time between walk steps. */
  readonly tickMs: number;
  /** signal aborts when the market closes; no timer starts and no connection opens after. */
  readonly signal: AbortSignal;
  /** log receives connect and disconnect events at debug level. */
  readonly log: Logger;
}

/** @internal createSymbolFeed makes the feed shared by every ticker of one market. */
export function createSymbolFeed({ tickMs, signal, log }: SymbolFeedOptions): SymbolFeed {
  function push(state: SymbolState, sinks: Iterable<LiveSink> = state.sinks): void {
    if (state.silent || state.withheld || !state.spec) return;
    const update = { price: decimalToString(state.price), change: shownChange(state.change, state.price) };
    for (const sink of sinks) sink.price(update);
  }

  function syncTimer(state: SymbolState, restart = false): void {
    const wanted = !signal.aborted && state.sinks.size > 0 && (state.clock || !state.paused);
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

  const open = (state: SymbolState) => state.sinks.size + state.filling.size;

  return {
    push,
    syncTimer,
    admitWaiting(state) {
      for (const [sink, timer] of state.filling) {
        clearTimeout(timer);
        state.sinks.add(sink);
      }
      state.filling.clear();
    },
    connect(state, sink) {
      if (signal.aborted) {
        sink.end();
        return () => {};
      }
      const delay = fillDelay(state);
      if (delay > 0) state.filling.set(sink, setTimeout(() => fill(state, sink), delay));
      else fill(state, sink);
      log.debug("sim.connected", { symbol: state.symbol, open: open(state), fillDelayMs: delay });
      return () => {
        const timer = state.filling.get(sink);
        clearTimeout(timer);
        if (!state.filling.delete(sink) && !state.sinks.delete(sink)) return;
        log.debug("sim.disconnected", { symbol: state.symbol, open: open(state) });
        syncTimer(state);
      };
    },
    hangUp(state) {
      syncTimer(state);
      for (const timer of state.filling.values()) clearTimeout(timer);
      const sinks = [...state.sinks, ...state.filling.keys()];
      state.sinks.clear();
      state.filling.clear();
      for (const sink of sinks) sink.end();
    },
  };
}
