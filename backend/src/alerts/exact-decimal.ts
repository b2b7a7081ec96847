/**
 * Exact decimals for alert rules: a price, level or percent is an integer count of `10^-scale`
 * units, so "touching the level" means equal digits, never two floats that happen to round alike.
 */

/** Exact is `units * 10^-scale`, e.g. 97123.45 is `{ units: 9712345n, scale: 2 }`. */
export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

/** MAX_DIGITS bounds a decimal's digits, so that every product below stays cheap. */
const MAX_DIGITS = 30;

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * parseExact reads a plain decimal such as "97123.45", "-0.5" or ".25" (no exponent, no
 * separators, U+2212 read as minus, at most MAX_DIGITS digits). Returns undefined for anything else.
 */
export function parseExact(text: string): Exact | undefined {
  const match = PLAIN.exec(text.trim().replace("\u2212", "-"));
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return undefined;
  if (whole.length + fraction.length > MAX_DIGITS) return undefined;
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, "") || "0";
  return { units: BigInt(`${sign === "-" ? "-" : ""}${digits}`), scale: fraction.length };
}

/** formatExact writes `value` in plain form, trailing fraction zeros dropped: "97000.50" → "97000.5". */
export function formatExact(value: Exact): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, "");
  return `${negative && /[1-9]/.test(digits) ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** compareExact orders `a` and `b` exactly: -1, 0 or 1. */
export function compareExact(a: Exact, b: Exact): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * 10n ** BigInt(scale - a.scale);
  const y = b.units * 10n ** BigInt(scale - b.scale);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** multiplyExact is `a * b`, exactly. */
export function multiplyExact(a: Exact, b: Exact): Exact {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** addExact is `a + b`, exactly. */
export function addExact(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
}

/** exactOf is a small whole number as an Exact. */
export function exactOf(whole: number): Exact {
  return { units: BigInt(whole), scale: 0 };
}
