/**
 * @internal The timers that move a ticker's price: the seeded walk, one step every `tickMs`, or
 * clock mode, one clock price at each CLOCK_TICK_MS boundary of wall-clock time. Only
 * symbol-feed.ts and price-steering.ts use them.
 */
import { CLOCK_TICK_MS, clockPrice, clockTick } from "./clock-price.js";
import { parseDecimal } from "./decimal.js";
import { stepPrice } from "./random-walk.js";
import type { SymbolState } from "./symbol-state.js";

/** setClockPrice sets the price clock mode shows at `nowMs`; the tick size stays the pair's own. */
export function setClockPrice(state: SymbolState, nowMs: number): void {
  const decimals = state.spec?.decimals ?? 0;
  const price = parseDecimal(clockPrice(clockTick(nowMs), decimals));
  if (price) state.price = price;
  state.tick = 1n;
}

/**
 * startTimer starts the walk or, in clock mode, the clock, calling `push` after each change.
 * Returns the handle to clear with clearTimeout (which also clears an interval).
 */
export function startTimer(state: SymbolState, tickMs: number, push: () => void): ReturnType<typeof setInterval> {
  if (!state.clock) {
    return setInterval(() => {
      state.price = stepPrice(state.price, state.tick, state.random);
      push();
    }, tickMs);
  }
  // Re-armed at each boundary: an interval would drift off the boundaries the clients decode by.
  let shown = clockTick(Date.now());
  const arm = () => {
    state.timer = setTimeout(() => {
      // Timers fire late, or a millisecond early: rounding by half a tick names the boundary meant.
      const nowMs = Date.now() + CLOCK_TICK_MS / 2;
      const tick = clockTick(nowMs);
      if (tick !== shown) {
        // A timer late by a tick or more jumps over ticks no page ever shows: counted, so a reader can tell them from its own misses.
        if (tick > shown + 1) state.clockSkipped += tick - shown - 1;
        shown = tick;
        setClockPrice(state, nowMs);
        push();
      }
      arm();
    }, CLOCK_TICK_MS - (Date.now() % CLOCK_TICK_MS));
    return state.timer;
  };
  return arm();
}

/** fillDelay draws a connection's fill delay in ms from the ticker's range (0 without one). */
export function fillDelay(state: SymbolState): number {
  if (!state.fillDelayMs) return 0;
  const [min, max] = state.fillDelayMs;
  return Math.round(min + Math.random() * (max - min));
}
