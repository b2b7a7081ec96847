/**
 * The firing rule of one alert: pure and synchronous, fed the prices of its symbol in the order
 * the watch saw them, with the time each was seen. It owns no clock and no timer.
 *
 * Cross (the rule the grid had, now the server's alone):
 * - Crossing is going from strictly on the near side of the level (under it, for "above") to on
 *   the level or beyond it. Touching the level counts. Prices are compared as exact decimals.
 * - Only prices seen in a row are compared, so a jump over the level between two quotes crosses.
 * - The alert is armed while the last price seen was on the near side; only an armed alert fires.
 *   Set while the price is at or beyond the level, or before any price, it waits for a price on the
 *   near side: nothing crossed before it was set.
 * Move: a price at least `percent` above (up) or below (down) a price seen within the last
 * `windowMinutes` fires. The window starts when the alert is set (with the last price then, if
 * any) and starts again after each firing, so one move fires once.
 * Repeat: a repeating alert does not fire again within its cooldown; a cross in the cooldown is
 * let pass (the alert disarms as usual and re-arms on the near side).
 */
import type { AlertSpec, CrossCondition, MoveCondition } from "./alert-spec.js";
import { addExact, compareExact, exactOf, formatExact, multiplyExact, parseExact, type Exact } from "./exact-decimal.js";
import { MinMaxWindow } from "./min-max-window.js";

/** Firing is what an alert reports when it fires; `reference` is the earlier price of a move. */
export interface Firing {
  readonly reference?: string;
}

/** AlertRule tracks one alert; `observe` each price of its symbol in order. */
export interface AlertRule {
  /** observe takes a price (exact decimal text) seen at `at` ms; returns a Firing when the alert fires. Text that is not a decimal is ignored. */
  observe(price: string, at: number): Firing | undefined;
}

/** createAlertRule starts `spec`'s rule, given the symbol's last price and its time when known. */
export function createAlertRule(spec: AlertSpec, last?: { price: string; at: number }): AlertRule {
  const cooldownMs = spec.cooldownSeconds * 1000;
  let firedAt: number | undefined;
  const inner = spec.condition.kind === "cross" ? crossRule(spec.condition, last) : moveRule(spec.condition, last);
  return {
    observe(text, at) {
      const price = parseExact(text);
      if (price === undefined) return undefined;
      const cooling = firedAt !== undefined && at - firedAt < cooldownMs;
      const firing = inner(price, at, cooling);
      if (firing !== undefined) firedAt = at;
      return firing;
    },
  };
}

type Inner = (price: Exact, at: number, cooling: boolean) => Firing | undefined;

function crossRule(condition: CrossCondition, last: { price: string } | undefined): Inner {
  const level = parseExact(condition.level)!;
  const near = (price: Exact) => compareExact(price, level) === (condition.direction === "above" ? -1 : 1);
  const lastPrice = last === undefined ? undefined : parseExact(last.price);
  let armed = lastPrice !== undefined && near(lastPrice);
  return (price, _at, cooling) => {
    const wasArmed = armed;
    armed = near(price);
    return wasArmed && !armed && !cooling ? {} : undefined;
  };
}

const HUNDRED = exactOf(100);

function moveRule(condition: MoveCondition, last: { price: string; at: number } | undefined): Inner {
  const windowMs = condition.windowMinutes * 60_000;
  const percent = parseExact(condition.percent)!;
  // price >= low * (100 + p) / 100 and price <= high * (100 - p) / 100, kept in integers.
  const upFactor = addExact(HUNDRED, percent);
  const downFactor = addExact(HUNDRED, { units: -percent.units, scale: percent.scale });
  const window = new MinMaxWindow();
  const lastPrice = last === undefined ? undefined : parseExact(last.price);
  if (last !== undefined && lastPrice !== undefined) window.push(lastPrice, last.at);
  return (price, at, cooling) => {
    window.evictBefore(at - windowMs);
    const scaled = multiplyExact(price, HUNDRED);
    const low = window.min();
    const high = window.max();
    let reference: Exact | undefined;
    if (condition.direction !== "down" && low !== undefined && compareExact(scaled, multiplyExact(low, upFactor)) >= 0) reference = low;
    else if (condition.direction !== "up" && high !== undefined && compareExact(scaled, multiplyExact(high, downFactor)) <= 0) reference = high;
    if (reference !== undefined && !cooling) {
      window.clear();
      window.push(price, at);
      return { reference: formatExact(reference) };
    }
    window.push(price, at);
    return undefined;
  };
}
