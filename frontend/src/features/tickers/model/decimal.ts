/**
 * Prices arrive as exact decimal strings ("97123.45", "0.00001234"). They are compared and
 * displayed as text so that no digit is lost to floating point.
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

interface Parts {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parts(text: string): Parts | undefined {
  const match = DECIMAL.exec(text.trim().replace("\u2212", "-"));
  if (!match) return undefined;
  const integer = (match[2] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const zero = /^0*$/.test(integer) && fraction === "";
  return { negative: match[1] === "-" && !zero, integer, fraction };
}

function compareMagnitude(a: Parts, b: Parts): -1 | 0 | 1 {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, "0");
  const fb = b.fraction.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * compareDecimal orders two decimal strings exactly: -1, 0 or 1, or undefined when either is not
 * a decimal (then no direction can be told).
 */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 | undefined {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return undefined;
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? ((-magnitude || 0) as -1 | 0 | 1) : magnitude;
}

/**
 * formatPrice adds thousands separators to the integer part and keeps every digit the source
 * gave, trailing zeros included: "97123.450" → "97,123.450". Text that is not a decimal is shown
 * as it came.
 */
export function formatPrice(price: string): string {
  const match = DECIMAL.exec(price.trim().replace("\u2212", "-"));
  if (!match) return price;
  const [, sign = "", integer = "", fraction] = match;
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign === "-" ? "\u2212" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}
