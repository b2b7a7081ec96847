/**
 * @internal The knobs that change what open pages show: the price, the change area, clock mode,
 * pause, silence, a withheld or re-rendered price element, and reset. Only createSimMarket uses it.
 */
import { shownChange, steerDayChange } from "./day-change.js";
import { decimalToString, parseDecimal, rescale } from "./decimal.js";
import type { SimMarket } from "./sim-market.js";
import type { SymbolFeed } from "./symbol-feed.js";
import { resetSymbolState, type SymbolStart, type SymbolState } from "./symbol-state.js";
import type { SymbolTable } from "./symbol-table.js";
import { setClockPrice } from "./symbol-timers.js";

/**
 * @internal createPriceSteering implements SimMarket's price and display methods over `table`,
 * pushing through `feed`; `start` is what reset restores each state to.
 */
export function createPriceSteering(
  table: SymbolTable,
  feed: SymbolFeed,
  start: SymbolStart,
): Pick<
  SimMarket,
  "currentPrice" | "setPrice" | "steerChange" | "currentChange" | "clock" | "pause" | "silence" | "withholdPrice" | "rerender" | "reset"
> {
  /** shownState is a known ticker's state with the clock price brought up to now. */
  function shownState(ticker: string): SymbolState | undefined {
    if (!table.isKnown(ticker)) return undefined;
    const state = table.stateOf(ticker);
    if (state.clock) setClockPrice(state, Date.now());
    return state;
  }

  function reset(state: SymbolState): void {
    resetSymbolState(state, start);
    // Waiting pages fill now, with the reset price pushed to every page below.
    feed.admitWaiting(state);
    feed.push(state);
    feed.syncTimer(state, true);
  }

  return {
    currentPrice(ticker) {
      const state = shownState(ticker);
      return state && decimalToString(state.price);
    },
    setPrice(ticker, price) {
      const state = table.knownStateOf(ticker);
      const value = parseDecimal(price);
      if (!value || value.units < 0n) {
        throw new RangeError(`price must be a plain non-negative decimal: ${JSON.stringify(price)}`);
      }
      const decimals = state.spec?.decimals ?? 0;
      const scale = Math.max(decimals, value.scale);
      state.price = rescale(value, scale);
      state.tick = 10n ** BigInt(scale - decimals);
      feed.push(state);
      // The pushed price stays on screen for a full tick, so a test can read it.
      feed.syncTimer(state, true);
    },
    steerChange(ticker, steer) {
      const state = table.knownStateOf(ticker);
      steerDayChange(state.change, steer, state.price);
      feed.push(state);
    },
    currentChange(ticker) {
      const state = shownState(ticker);
      const shown = state && shownChange(state.change, state.price);
      return shown && { value: shown.value, percent: shown.percent };
    },
    clock(ticker, on) {
      const state = table.knownStateOf(ticker);
      if (state.clock === on) return;
      state.clock = on;
      if (on) {
        setClockPrice(state, Date.now());
        feed.push(state);
      }
      feed.syncTimer(state, true);
    },
    pause(ticker, paused) {
      const state = table.knownStateOf(ticker);
      state.paused = paused;
      feed.syncTimer(state);
    },
    silence(ticker, silent) {
      const state = table.knownStateOf(ticker);
      state.silent = silent;
      if (!silent) feed.push(state);
    },
    withholdPrice(ticker, withheld) {
      const state = table.knownStateOf(ticker);
      if (state.withheld === withheld) return;
      state.withheld = withheld;
      if (!withheld) feed.push(state);
      else if (!state.silent) for (const sink of state.sinks) sink.clear();
    },
    rerender(ticker) {
      for (const sink of table.knownStateOf(ticker).sinks) sink.rerender();
    },
    reset(ticker) {
      if (ticker === undefined) for (const state of table.states()) reset(state);
      else reset(table.stateOf(ticker));
    },
  };
}
