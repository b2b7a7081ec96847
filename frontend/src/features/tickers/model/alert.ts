/**
 * Price alerts as the grid keeps them. The server owns the rule that fires them (a cross of the
 * level, touching it counts, an alert set past its level waits for a real cross); the grid keeps
 * each alert so that it can set it again on every new Watch, and records when the server said it
 * fired. Levels are exact decimal strings, as typed and checked here, never floats.
 */
import { compareDecimal, formatPrice } from "./decimal.js";

/** AlertDirection is the side of the level the price must reach. */
export type AlertDirection = "above" | "below";

/** PriceAlert is one alert on one ticker. Immutable: a change makes a new object. */
export interface PriceAlert {
  /** id tells alerts of one ticker apart; unique within the page's alerts. Not the server's id. */
  readonly id: string;
  readonly direction: AlertDirection;
  /** level is a positive exact decimal, as typed. */
  readonly level: string;
  /** fired is the price that met the level and when it was seen; absent until the server says so. */
  readonly fired?: { readonly price: string; readonly at: number } | undefined;
  /** refused is why the server would not set the alert, in its words; absent when it took it. */
  readonly refused?: string | undefined;
}

/** LevelParse is a level to save, or why the input is not one, in words a person can act on. */
export type LevelParse = { ok: true; level: string } | { ok: false; reason: string };

const PLAIN_DECIMAL = /^\+?(\d+(\.\d*)?|\.\d+)$/;

/**
 * parseAlertLevel reads a level typed by a person: a positive plain decimal such as "97000.50".
 * The server checks it again; this saves a round trip and says what is wrong next to the input.
 */
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

/** isWaiting is true for an alert the server should hold: neither fired nor refused. */
export function isWaiting(alert: PriceAlert): boolean {
  return alert.fired === undefined && alert.refused === undefined;
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
