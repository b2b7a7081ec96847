/**
 * @internal The mutable state of one ticker inside the market. Only create-sim-market.ts uses it.
 */
import type { PairSpec } from "./catalog.js";
import { seededDayChange, type DayChange } from "./day-change.js";
import { parseDecimal, type Decimal } from "./decimal.js";
import { randomFor, type Random } from "./prng.js";
import type { LiveSink, PageStatus } from "./sim-market.js";

/** SymbolState is everything the market remembers about one ticker. */
export interface SymbolState {
  readonly ticker: string;
  /** spec is absent for a ticker the market does not know (it still counts page views). */
  readonly spec: PairSpec | undefined;
  price: Decimal;
  /** tick is the tick size in units of `price.scale`. */
  tick: bigint;
  random: Random;
  /** change is the change area beside the price: the day's open and how tests steered it. */
  change: DayChange;
  paused: boolean;
  silent: boolean;
  withheld: boolean;
  status: PageStatus;
  delayMs: number;
  pageViews: number;
  readonly sinks: Set<LiveSink>;
  /** timer runs the walk; set only while the ticker has sinks and is not paused. */
  timer: ReturnType<typeof setInterval> | undefined;
}

const ZERO: Decimal = { units: 0n, scale: 0 };

/** createSymbolState makes a ticker's state at its start. */
export function createSymbolState(
  ticker: string,
  spec: PairSpec | undefined,
  seed: number,
): SymbolState {
  const state: SymbolState = {
    ticker,
    spec,
    price: ZERO,
    tick: 1n,
    random: randomFor(seed, ticker),
    change: seededDayChange(ZERO, randomFor(seed, ticker)),
    paused: false,
    silent: false,
    withheld: false,
    status: 200,
    delayMs: 0,
    pageViews: 0,
    sinks: new Set(),
    timer: undefined,
  };
  resetSymbolState(state, seed);
  return state;
}

/** resetSymbolState puts a ticker back at its start; sinks and timer are left to the caller. */
export function resetSymbolState(state: SymbolState, seed: number): void {
  state.price = (state.spec && parseDecimal(state.spec.start)) ?? ZERO;
  state.tick = 1n;
  state.random = randomFor(seed, state.ticker);
  // Its own stream, so that the walk is the same with or without a change area.
  state.change = seededDayChange(state.price, randomFor(seed, `${state.ticker}#open`));
  state.paused = false;
  state.silent = false;
  state.withheld = false;
  state.status = 200;
  state.delayMs = 0;
  state.pageViews = 0;
}
