/**
 * Price alerts, as pure functions. An alert watches one ticker's price against a level, "above" or
 * "below", and fires once, when the price crosses the level:
 *
 * - Crossing means going from strictly on the near side of the level (below it, for "above") to
 *   on the level or beyond it. Landing exactly on the level counts: the level was reached.
 * - Only prices seen in a row are compared, so a gap (99 then 102 for "above 100", never 100
 *   itself) is a crossing all the same: the price went through the level between two quotes.
 * - An alert is armed while the last price seen is on the near side; only an armed alert can fire.
 *   It is saved armed when the card's price is on the near side then. Saved while the price is
 *   already at or beyond the level, or before any price, it waits: the first quote on the near side
 *   arms it. So an "above 100" alert saved at 105 does not fire on the next quote at 106; it fires
 *   after the price has dipped under 100 and come back to it. Nothing crossed before it was saved.
 * - Prices and levels are exact decimal strings, compared with decimal.ts, never as floats.
 */
import { compareDecimal, formatPrice } from "./decimal.js";

/** AlertDirection is the side of the level the price must reach. */
export type AlertDirection = "above" | "below";

/** PriceAlert is one alert on one ticker. Immutable: a change makes a new object. */
export interface PriceAlert {
  /** id tells alerts of one ticker apart; unique within the page's alerts. */
  readonly id: string;
  readonly direction: AlertDirection;
  /** level is a positive exact decimal, as typed. */
  readonly level: string;
  /** armed is true while the last price seen was strictly on the near side of the level. */
  readonly armed: boolean;
  /** fired is the price that crossed the level and when it was seen; absent until then. */
  readonly fired?: { readonly price: string; readonly at: number } | undefined;
}

/** LevelParse is a level to save, or why the input is not one, in words a person can act on. */
export type LevelParse = { ok: true; level: string } | { ok: false; reason: string };

const PLAIN_DECIMAL = /^\+?(\d+(\.\d*)?|\.\d+)$/;

/** parseAlertLevel reads a level typed by a person: a positive plain decimal such as "97000.50". */
export function parseAlertLevel(input: string): LevelParse {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter a price, such as 97000.50." };
  if (!PLAIN_DECIMAL.test(text)) {
    return { ok: false, reason: "The price must be a positive number in digits, such as 97000.50." };
  }
  const level = text.replace(/^\+/, "").replace(/\.$/, "");
  const normalised = level.startsWith(".") ? `0${level}` : level;
  if (compareDecimal(normalised, "0") !== 1) return { ok: false, reason: "The price must be above zero." };
  return { ok: true, level: normalised };
}

/**
 * createAlert is a new alert at `level`, armed when `price` (the card's price as it is saved,
 * undefined before any) is on the near side of it.
 */
export function createAlert(id: string, direction: AlertDirection, level: string, price: string | undefined): PriceAlert {
  const order = price === undefined ? undefined : compareDecimal(price, level);
  return { id, direction, level, armed: order !== undefined && nearSide(direction, order) };
}

/**
 * observePrice is `alert` after `price` was seen at `at` (ms since the epoch): fired when it
 * crossed, armed or disarmed as the price moved, and the very same object when nothing changed
 * (a fired alert never changes again). A price that is not a decimal is ignored.
 */
export function observePrice(alert: PriceAlert, price: string, at: number): PriceAlert {
  if (alert.fired !== undefined) return alert;
  const order = compareDecimal(price, alert.level);
  if (order === undefined) return alert;
  const near = nearSide(alert.direction, order);
  if (!near && alert.armed) return { ...alert, armed: false, fired: { price, at } };
  return near === alert.armed ? alert : { ...alert, armed: near };
}

/** alertMessage is what the card says once `alert` fired: "Alert: BTCUSD above 97,000.50". */
export function alertMessage(symbol: string, alert: PriceAlert): string {
  return `Alert: ${symbol} ${alert.direction} ${formatPrice(alert.level)}`;
}

/** firedMessage is what the live region and a notification say: "Alert: BTCUSD above 97,000.50 (price 97,012)". */
export function firedMessage(symbol: string, alert: PriceAlert): string {
  const price = alert.fired === undefined ? "" : ` (price ${formatPrice(alert.fired.price)})`;
  return `${alertMessage(symbol, alert)}${price}`;
}

/** alertLabel names an alert in its card's list: "Above 97,000.50". */
export function alertLabel(alert: PriceAlert): string {
  return `${alert.direction === "above" ? "Above" : "Below"} ${formatPrice(alert.level)}`;
}

/** nearSide tells whether a price ordered `order` against the level has yet to reach it. */
function nearSide(direction: AlertDirection, order: -1 | 0 | 1): boolean {
  return direction === "above" ? order === -1 : order === 1;
}
