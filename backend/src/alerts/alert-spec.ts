/**
 * What an alert is, checked once when it is set. A spec that leaves here is valid: its decimals
 * are plain and normalised, its numbers within bounds. Bad input becomes an AlertInputError whose
 * message says what to send instead.
 */
import { compareExact, exactOf, formatExact, parseExact } from "./exact-decimal.js";

/** CrossCondition fires when the price crosses `level` towards `direction` (see alert-rule.ts). */
export interface CrossCondition {
  readonly kind: "cross";
  readonly direction: "above" | "below";
  /** level is a positive plain decimal, normalised ("97000.5"). */
  readonly level: string;
}

/** MoveCondition fires when the price moves `percent` or more within `windowMinutes`. */
export interface MoveCondition {
  readonly kind: "move";
  readonly direction: "up" | "down" | "either";
  /** percent is a positive plain decimal, normalised ("2.5"). */
  readonly percent: string;
  readonly windowMinutes: number;
}

/** AlertCondition is what fires an alert. */
export type AlertCondition = CrossCondition | MoveCondition;

/** AlertSpec is a checked alert on one normalised symbol. */
export interface AlertSpec {
  readonly symbol: string;
  readonly condition: AlertCondition;
  /** repeat keeps the alert after it fires; false fires it once and removes it. */
  readonly repeat: boolean;
  /** cooldownSeconds is the least time between two firings of a repeating alert; 0 when once. */
  readonly cooldownSeconds: number;
}

/** AlertInput is an alert as a client sent it: directions may be missing, decimals any text. */
export interface AlertInput {
  readonly symbol: string;
  readonly condition:
    | { readonly kind: "cross"; readonly direction: "above" | "below" | undefined; readonly level: string }
    | { readonly kind: "move"; readonly direction: "up" | "down" | "either" | undefined; readonly percent: string; readonly windowMinutes: number }
    | undefined;
  readonly repeat: boolean;
  readonly cooldownSeconds: number;
}

/** AlertInputError: the alert cannot be set as sent; the message says what to send instead. */
export class AlertInputError extends Error {
  override readonly name = "AlertInputError";
}

/** Bounds on what a client may ask for; each is in the message that refuses it. */
const ALERT_BOUNDS = {
  maxLevelChars: 32,
  maxPercent: "1000",
  maxWindowMinutes: 1440,
  maxCooldownSeconds: 86_400,
} as const;

/** checkAlert turns `input` into a spec. @throws AlertInputError when any part is unusable. */
export function checkAlert(input: AlertInput): AlertSpec {
  const { condition } = input;
  if (condition === undefined) throw new AlertInputError("alert has no condition: set `cross` (a level) or `move` (a percent within minutes)");
  const repeat = input.repeat;
  if (repeat && (input.cooldownSeconds < 1 || input.cooldownSeconds > ALERT_BOUNDS.maxCooldownSeconds)) {
    throw new AlertInputError(`cooldown_seconds must be 1 to ${ALERT_BOUNDS.maxCooldownSeconds} for an alert that repeats`);
  }
  if (!repeat && input.cooldownSeconds !== 0) {
    throw new AlertInputError("cooldown_seconds applies to an alert that repeats: set repeat, or leave cooldown_seconds 0");
  }
  const base = { symbol: input.symbol, repeat, cooldownSeconds: repeat ? input.cooldownSeconds : 0 };
  if (condition.kind === "cross") {
    if (condition.direction === undefined) throw new AlertInputError("cross.direction is unspecified: use ABOVE or BELOW");
    return { ...base, condition: { kind: "cross", direction: condition.direction, level: positive("cross.level", condition.level, "97000.50") } };
  }
  if (condition.direction === undefined) throw new AlertInputError("move.direction is unspecified: use UP, DOWN or EITHER");
  const percent = positive("move.percent", condition.percent, "2.5");
  if (compareExact(parseExact(percent)!, parseExact(ALERT_BOUNDS.maxPercent)!) === 1) {
    throw new AlertInputError(`move.percent is ${percent}; it must be at most ${ALERT_BOUNDS.maxPercent}`);
  }
  if (condition.direction === "down" && compareExact(parseExact(percent)!, exactOf(100)) !== -1) {
    throw new AlertInputError(`move.percent is ${percent}; a fall must be under 100 percent to be possible`);
  }
  const minutes = condition.windowMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > ALERT_BOUNDS.maxWindowMinutes) {
    throw new AlertInputError(`move.window_minutes is ${minutes}; it must be 1 to ${ALERT_BOUNDS.maxWindowMinutes}`);
  }
  return { ...base, condition: { kind: "move", direction: condition.direction, percent, windowMinutes: minutes } };
}

/** positive reads `text` as a positive plain decimal, normalised; `field` and `example` go in the message. */
function positive(field: string, text: string, example: string): string {
  if (text.length > ALERT_BOUNDS.maxLevelChars) {
    throw new AlertInputError(`${field} is ${text.length} characters long; send at most ${ALERT_BOUNDS.maxLevelChars}, such as "${example}"`);
  }
  const value = /^\+?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? parseExact(text) : undefined;
  if (value === undefined) {
    throw new AlertInputError(`${field} ${JSON.stringify(text)} is not a plain decimal: send digits with an optional point, such as "${example}"`);
  }
  if (value.units <= 0n) throw new AlertInputError(`${field} must be above zero, such as "${example}"`);
  return formatExact(value);
}
