/**
 * How the look-alike prints prices, like TradingView does for the reader's locale: English readers
 * see "97,123.45", everyone else the German style "97.123,45". The scraper must force en-US to
 * read prices right, and this difference is what proves it does.
 */
import type { ShownChange } from "./day-change.js";

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

/** Change is the change area as the page prints it: "+1,234.50" and "+1.29%" (or "(+1.29%)"). */
export interface Change {
  readonly value: string;
  readonly percent: string;
}

/**
 * formatChange prints a shown change like TradingView: each number signed ("+" or U+2212), grouped
 * like prices, the percent with "%" and, in the legacy style, in parentheses: "+1,234.50" and
 * "+1.29%", or "−0.45" and "(−0.45%)". A zero prints with "+".
 * @throws RangeError when value or percent is not a plain signed decimal.
 */
export function formatChange(shown: ShownChange, locale: PriceLocale): Change {
  const signed = (plain: string) => {
    const text = formatPrice(plain, locale);
    return text.startsWith(MINUS) ? text : `+${text}`;
  };
  const percent = `${signed(shown.percent)}%`;
  return { value: signed(shown.value), percent: shown.parenthesized ? `(${percent})` : percent };
}
