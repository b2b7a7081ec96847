/**
 * @internal A ticker's change area: the day's move since the previous daily close, as TradingView
 * shows it beside the price (for crypto the session closes at 00:00 UTC). The look-alike starts
 * each ticker at a seeded close near its starting price, so a fresh page already shows a move,
 * and tests steer the rest: a new close, a rollover, pinned or hidden values, the legacy format.
 */
import type { ChangeSteer } from "./change-steer.js";
import { decimalToString, parseDecimal, percentOf, subtract, type Decimal } from "./decimal.js";
import type { Random } from "./prng.js";

/** DayChange is the change area's state for one ticker. */
export interface DayChange {
  /** open is the price the day opened at: the previous daily close the change counts from. */
  open: Decimal;
  /** value and percent, when set, are shown instead of what the walk gives (plain signed decimals). */
  value: string | undefined;
  percent: string | undefined;
  /** hidden leaves the change area empty, as for a symbol whose page shows no change. */
  hidden: boolean;
  /** parenthesized prints the percent as the legacy markup did, "(+1.23%)", instead of "+1.23%". */
  parenthesized: boolean;
}

/** ShownChange is what a push carries: plain signed decimals, e.g. value "-0.45" and percent "-1.20". */
export interface ShownChange {
  readonly value: string;
  readonly percent: string;
  readonly parenthesized: boolean;
}

/** OPEN_SPREAD_BP: a seeded open lies within ±3 % (300 basis points) of the starting price. */
const OPEN_SPREAD_BP = 300;

/**
 * seededDayChange starts a ticker's change area: the day opened within ±3 % of `start`, drawn from
 * `random` (its own stream, so the walk does not shift), at `start`'s scale and at least one unit.
 */
export function seededDayChange(start: Decimal, random: Random): DayChange {
  const basisPoints = BigInt(Math.round((random() * 2 - 1) * OPEN_SPREAD_BP));
  const units = (start.units * (10_000n - basisPoints)) / 10_000n;
  return {
    open: { units: units > 0n ? units : 1n, scale: start.scale },
    value: undefined,
    percent: undefined,
    hidden: false,
    parenthesized: false,
  };
}

/**
 * shownChange is what the change area shows at `price`: `price - open` and its share of `open` in
 * percent with two decimals, each unless pinned; undefined while hidden.
 */
export function shownChange(change: DayChange, price: Decimal): ShownChange | undefined {
  if (change.hidden) return undefined;
  const delta = subtract(price, change.open);
  return {
    value: change.value ?? decimalToString(delta),
    percent: change.percent ?? decimalToString(percentOf(delta, change.open)),
    parenthesized: change.parenthesized,
  };
}

/**
 * steerDayChange applies `steer` (see ChangeSteer) at `price`.
 * @throws RangeError for a malformed open, value or percent; nothing is changed then.
 */
export function steerDayChange(change: DayChange, steer: ChangeSteer, price: Decimal): void {
  const open = steer.open === undefined ? undefined : parseDecimal(steer.open);
  if (steer.open !== undefined && (!open || open.units <= 0n)) throw new RangeError(`open must be a plain positive decimal: ${JSON.stringify(steer.open)}`);
  for (const pinned of [steer.value, steer.percent]) {
    if (typeof pinned === "string" && !parseDecimal(pinned)) throw new RangeError(`not a plain signed decimal: ${JSON.stringify(pinned)}`);
  }
  if (open) change.open = open;
  if (steer.rollover) {
    change.open = price;
    change.value = undefined;
    change.percent = undefined;
  }
  if (steer.value !== undefined) change.value = steer.value ?? undefined;
  if (steer.percent !== undefined) change.percent = steer.percent ?? undefined;
  if (steer.hidden !== undefined) change.hidden = steer.hidden;
  if (steer.parenthesized !== undefined) change.parenthesized = steer.parenthesized;
}
