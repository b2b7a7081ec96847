/**
 * One step of a symbol's random walk, kept pure so tests can check it without timers.
 */
import type { Decimal } from "./decimal.js";
import type { Random } from "./prng.js";

/**
 * VOLATILITY is the largest move of one step as a share of the price (0.04%): enough that a
 * watcher sees BTC move by tens of dollars a second, small enough to stay plausible.
 */
const VOLATILITY = 0.0004;

/**
 * stepPrice moves `price` by a whole number of ticks (`tick` is the tick size in the price's own
 * units, e.g. 1n for 0.01 at scale 2). Every step changes the price, so each tick is a visible
 * update, and the result is always at least one tick: prices stay positive.
 */
export function stepPrice(price: Decimal, tick: bigint, random: Random): Decimal {
  const ticks = Number(price.units / tick);
  const largest = Math.max(1, Math.round(ticks * VOLATILITY));
  let move = Math.round((random() * 2 - 1) * largest);
  if (move === 0) move = random() < 0.5 ? -1 : 1;
  let units = price.units + BigInt(move) * tick;
  // Reflect off the floor rather than clamp to it, so a cheap coin does not stick at one tick.
  if (units < tick) units = price.units + BigInt(Math.abs(move)) * tick;
  if (units < tick) units = tick;
  return { units, scale: price.scale };
}
