/**
 * Exact decimal prices for the look-alike. A price is an integer count of `10^-scale` units, so a
 * walk of many ticks never drifts the way binary floating point would ("0.1 + 0.2").
 */

/** Decimal is `units * 10^-scale`, e.g. 97123.45 is `{ units: 9712345n, scale: 2 }`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** MAX_SCALE caps the fraction digits a price may carry; TradingView shows at most 8 or so. */
const MAX_SCALE = 12;

const DECIMAL_TEXT = new RegExp(`^(-?)(\\d{1,15})(?:\\.(\\d{1,${MAX_SCALE}}))?$`);

/**
 * parseDecimal reads a plain decimal such as "97123.45", "0.00001234" or "-1.5" (no exponent, no
 * separators, at most 15 integer and MAX_SCALE fraction digits). Returns undefined for anything else.
 */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const units = BigInt(`${sign}${whole}${fraction}`);
  return { units, scale: fraction.length };
}

/** decimalToString writes a Decimal in plain form with exactly `scale` fraction digits. */
export function decimalToString(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? "-" : ""}${whole}${value.scale > 0 ? `.${fraction}` : ""}`;
}

/** rescale writes `value` with at least `scale` fraction digits; it never drops digits. */
export function rescale(value: Decimal, scale: number): Decimal {
  if (scale <= value.scale) return value;
  return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
}

/** subtract returns `a - b` exactly, at the finer of the two scales. */
export function subtract(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale).units - rescale(b, scale).units, scale };
}

/**
 * percentOf returns `part / whole * 100` with `scale` fraction digits, rounded half away from
 * zero, exactly (no floating point): percentOf(1.00, 97.00, 2) is 1.03. Zero when `whole` is zero.
 */
export function percentOf(part: Decimal, whole: Decimal, scale = 2): Decimal {
  const common = Math.max(part.scale, whole.scale);
  const numerator = rescale(part, common).units * 100n * 10n ** BigInt(scale);
  const denominator = rescale(whole, common).units;
  if (denominator === 0n) return { units: 0n, scale };
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return { units: negative ? -rounded : rounded, scale };
}
