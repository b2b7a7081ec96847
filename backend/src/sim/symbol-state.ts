/**
 * @internal The mutable state of one ticker inside the market. Only the sim market's own files use it.
 */
import type { PairSpec } from "./catalog.js";
import { seededDayChange, type DayChange } from "./day-change.js";
import { parseDecimal, type Decimal } from "./decimal.js";
import { randomFor, type Random } from "./prng.js";
import type { LiveSink, PageStatus } from "./sim-market.js";
import { startPrice, type SimSymbol } from "./sim-symbol.js";

/** SymbolState is everything the market remembers about one ticker on one exchange. */
export interface SymbolState {
  /** symbol is the market's key, `EXCHANGE:TICKER`: its walk and day change are seeded from it. */
  readonly symbol: string;
  /** exchange sets where the price starts (sim-symbol.ts startPrice). */
  readonly exchange: string;
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
  /** clock: the price follows wall-clock time (clock-price.ts) instead of the walk. */
  clock: boolean;
  /** fillDelayMs: a new connection gets its first price after a random delay in this range. */
  fillDelayMs: readonly [number, number] | undefined;
  /** lastFillAtMs is when a connection last got its first price (wall-clock ms). */
  lastFillAtMs: number | undefined;
  /** hostileBinding: pages embed a hostile frame that calls this binding (hostile-page.ts). */
  hostileBinding: string | undefined;
  /** probeUrls: pages try to reach these addresses (hostile-page.ts); empty for none. */
  probeUrls: readonly string[];
  /** lastPageViewAtMs is when a symbol page was last served (wall-clock ms). */
  lastPageViewAtMs: number | undefined;
  /** clockSkipped counts clock ticks never shown because the clock's timer fired a tick or more late. */
  clockSkipped: number;
  pageViews: number;
  readonly sinks: Set<LiveSink>;
  /** filling holds the connections still waiting out their fill delay, with their timers. */
  readonly filling: Map<LiveSink, ReturnType<typeof setTimeout>>;
  /** timer runs the walk or the clock; set only while the ticker has sinks and is not paused. */
  timer: ReturnType<typeof setInterval> | undefined;
}

const ZERO: Decimal = { units: 0n, scale: 0 };

/** SymbolStart is what every state of a market starts from and is reset to. */
export interface SymbolStart {
  /** seed of the market; each walk is seeded from it and the state's symbol. */
  readonly seed: number;
  /** fillDelayMs is the market's fill delay range, undefined for an immediate fill. */
  readonly fillDelayMs: readonly [number, number] | undefined;
}

/** createSymbolState makes a ticker's state at its start. */
export function createSymbolState(symbol: SimSymbol, spec: PairSpec | undefined, start: SymbolStart): SymbolState {
  const { seed } = start;
  const state: SymbolState = {
    symbol: symbol.key,
    exchange: symbol.exchange,
    spec,
    price: ZERO,
    tick: 1n,
    random: randomFor(seed, symbol.key),
    change: seededDayChange(ZERO, randomFor(seed, symbol.key)),
    paused: false,
    silent: false,
    withheld: false,
    status: 200,
    delayMs: 0,
    clock: false,
    fillDelayMs: undefined,
    lastFillAtMs: undefined,
    hostileBinding: undefined,
    probeUrls: [],
    clockSkipped: 0,
    lastPageViewAtMs: undefined,
    pageViews: 0,
    sinks: new Set(),
    filling: new Map(),
    timer: undefined,
  };
  resetSymbolState(state, start);
  return state;
}

/** resetSymbolState puts a ticker back at its start; sinks, filling and timer are left to the caller. */
export function resetSymbolState(state: SymbolState, { seed, fillDelayMs }: SymbolStart): void {
  state.price = (state.spec && parseDecimal(startPrice(state.spec, state.exchange))) ?? ZERO;
  state.tick = 1n;
  state.random = randomFor(seed, state.symbol);
  // Its own stream, so that the walk is the same with or without a change area.
  state.change = seededDayChange(state.price, randomFor(seed, `${state.symbol}#open`));
  state.paused = false;
  state.silent = false;
  state.withheld = false;
  state.status = 200;
  state.delayMs = 0;
  state.clock = false;
  state.fillDelayMs = fillDelayMs;
  state.lastFillAtMs = undefined;
  state.hostileBinding = undefined;
  state.probeUrls = [];
  state.lastPageViewAtMs = undefined;
  state.clockSkipped = 0;
  state.pageViews = 0;
}
