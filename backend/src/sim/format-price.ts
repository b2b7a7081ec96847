/**
 * How the look-alike prints prices, like TradingView does for the reader's locale: English readers
 * see "97,123.45", everyone else the German style "97.123,45". The scraper must force en-US to
 * read prices right, and this difference is what proves it does.
 */
import { decimalToString, parseDecimal, subtract, toNumber } from "./decimal.js";

/** PriceLocale is one of the two styles the look-alike prints. */
export type PriceLocale = "en-US" | "de-DE";

/** MINUS is U+2212, which TradingView prints for negative numbers instead of "-". */
export const MINUS = "\u2212";

const SEPARATORS: Record<PriceLocale, { group: string; decimal: string }> = {
  "en-US": { group: ",", decimal: "." },
  "de-DE": { group: ".", decimal: "," },
};

/**
 * localeFor picks the style for a browser language or an Accept-Language header: English ("en",
 * "en-GB", "en-US,en;q=0.9") gives en-US; anything else, or nothing, gives de-DE.
 */
export function localeFor(language: string | undefined): PriceLocale {
  const first = (language ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first === "en" || first.startsWith("en-") ? "en-US" : "de-DE";
}

/**
 * formatPrice prints a plain decimal ("97123.45") with grouping: "97,123.45" or "97.123,45".
 * Every fraction digit is kept ("0.00001234"); a negative number starts with U+2212.
 * @throws RangeError when `price` is not a plain decimal.
 */
export function formatPrice(price: string, locale: PriceLocale): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(price);
  if (!match) throw new RangeError(`not a plain decimal: ${JSON.stringify(price)}`);
  const [, sign = "", whole = "0", fraction] = match;
  const { group, decimal } = SEPARATORS[locale];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign ? MINUS : ""}${grouped}${fraction === undefined ? "" : decimal + fraction}`;
}

/** PriceParts is a formatted price split as the page shows it: the last digits raised in a sup. */
export interface PriceParts {
  readonly main: string;
  readonly sup: string;
}

/**
 * splitPrice raises the last two fraction digits ("97,123." + "45"); a price without fraction
 * digits has an empty sup. `main + sup` is always the whole formatted price.
 */
export function splitPrice(formatted: string, locale: PriceLocale): PriceParts {
  const at = formatted.lastIndexOf(SEPARATORS[locale].decimal);
  if (at < 0) return { main: formatted, sup: "" };
  const cut = Math.max(at + 1, formatted.length - 2);
  return { main: formatted.slice(0, cut), sup: formatted.slice(cut) };
}

/** Change is the move since the session opened, as the page's change area prints it. */
export interface Change {
  readonly value: string;
  readonly percent: string;
}

/**
 * formatChange prints `price - open` with a sign ("+1,234.50", "−0.00000012") and the same move in
 * percent with two decimals ("+1.29%"). Both are plain decimals; `open` must not be zero for a
 * percent, else the percent reads "0.00%".
 */
export function formatChange(price: string, open: string, locale: PriceLocale): Change {
  const now = parseDecimal(price);
  const start = parseDecimal(open);
  if (!now || !start) throw new RangeError(`not plain decimals: ${price}, ${open}`);
  const delta = subtract(now, start);
  const base = toNumber(start);
  const ratio = base === 0 ? 0 : (toNumber(delta) / base) * 100;
  const plus = (text: string) => (text.startsWith(MINUS) ? text : `+${text}`);
  const percent = formatPrice(Math.abs(ratio).toFixed(2), locale);
  return {
    value: plus(formatPrice(decimalToString(delta), locale)),
    percent: `${ratio < 0 && percent !== formatPrice("0.00", locale) ? MINUS : "+"}${percent}%`,
  };
}
