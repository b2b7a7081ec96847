/**
 * Clock mode's prices: a pure function of wall-clock time, one step every CLOCK_TICK_MS, so a client
 * that receives a price can tell from the price alone when the look-alike showed it, and so measure
 * delivery latency from outside the server (the benchmark's clients and its floor server use it).
 */
import { decimalToString, parseDecimal } from "./decimal.js";

/** CLOCK_TICK_MS is the time between two clock prices: four changes a second. */
export const CLOCK_TICK_MS = 250;

/** PERIOD is how many ticks pass before a price repeats (about 2.9 days at 250 ms). */
const PERIOD = 1_000_000;

/** clockTick is the number of the tick in progress at `nowMs` (wall-clock ms). */
export function clockTick(nowMs: number): number {
  return Math.floor(nowMs / CLOCK_TICK_MS);
}

/**
 * clockPrice is the price shown during tick `tick` for a pair with `decimals` fraction digits: the
 * tick number modulo PERIOD, offset so that every price has the same number of digits.
 */
export function clockPrice(tick: number, decimals: number): string {
  const units = BigInt(PERIOD + (((tick % PERIOD) + PERIOD) % PERIOD));
  return decimalToString({ units, scale: decimals });
}

/**
 * tickOfClockPrice inverts clockPrice: the tick nearest `nowMs` that shows `price`, or undefined
 * when `price` is not a clock price. A price received up to PERIOD/2 ticks after it was shown maps
 * back to its own tick.
 */
export function tickOfClockPrice(price: string, nowMs: number): number | undefined {
  const value = parseDecimal(price);
  if (!value) return undefined;
  const residue = Number(value.units) - PERIOD;
  if (!Number.isInteger(residue) || residue < 0 || residue >= PERIOD) return undefined;
  const now = clockTick(nowMs);
  const base = now - (((now % PERIOD) + PERIOD) % PERIOD);
  let tick = base + residue;
  if (tick - now > PERIOD / 2) tick -= PERIOD;
  else if (now - tick > PERIOD / 2) tick += PERIOD;
  return tick;
}
