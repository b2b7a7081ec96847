import { compareDecimal, formatPrice } from "./decimal.js";

/** Direction is which way the day's change goes: up, down, or flat (zero). */
export type Direction = "up" | "down" | "flat";

/** DayChange is how a card shows the day's change: text to see and words to hear. */
export interface DayChange {
  readonly direction: Direction;
  /** shown is e.g. "+1,234.56 (+1.23%)"; either part alone when only one is known. */
  readonly shown: string;
  /** absolute and percent are the two parts of `shown`, e.g. "+1,234.56" and "+1.23%". */
  readonly absolute?: string | undefined;
  readonly percent?: string | undefined;
  /** spoken is e.g. "up 1,234.56, up 1.23 percent", for screen readers. */
  readonly spoken: string;
}

/** directionOf names an exact comparison (compareDecimal's): up for 1, down for -1, else flat. */
export function directionOf(order: -1 | 0 | 1 | undefined): Direction {
  return order === 1 ? "up" : order === -1 ? "down" : "flat";
}

const WORD: Record<Direction, string> = { up: "up", down: "down", flat: "unchanged" };

/**
 * dayChange describes `change` and `changePercent`, exact signed decimals as the server sends them
 * ("" or undefined when unknown), or undefined when neither is known or readable. The direction
 * follows the change, else the percent, compared exactly with zero.
 */
export function dayChange(change: string | undefined, changePercent: string | undefined): DayChange | undefined {
  const absolute = readable(change);
  const percent = readable(changePercent);
  const basis = absolute ?? percent;
  if (basis === undefined) return undefined;
  const direction = directionOf(compareDecimal(basis, "0"));
  const sign = direction === "up" ? "+" : direction === "down" ? "\u2212" : "";
  const absoluteSize = absolute === undefined ? undefined : magnitude(absolute);
  const percentSize = percent === undefined ? undefined : magnitude(percent);
  const shownAbsolute = absoluteSize === undefined ? undefined : `${sign}${absoluteSize}`;
  const shownPercent = percentSize === undefined ? undefined : `${sign}${percentSize}%`;
  const both = shownAbsolute !== undefined && shownPercent !== undefined;
  const spokenParts: string[] = [];
  if (absoluteSize !== undefined) spokenParts.push(`${WORD[direction]} ${absoluteSize}`);
  if (percentSize !== undefined) spokenParts.push(`${WORD[direction]} ${percentSize} percent`);
  return {
    direction,
    shown: both ? `${shownAbsolute} (${shownPercent})` : (shownAbsolute ?? shownPercent ?? ""),
    spoken: spokenParts.join(", "),
    absolute: shownAbsolute,
    percent: shownPercent,
  };
}

function readable(text: string | undefined): string | undefined {
  return text === undefined || compareDecimal(text, "0") === undefined ? undefined : text;
}

/** magnitude is the decimal without its sign, grouped for reading. */
function magnitude(decimal: string): string {
  return formatPrice(decimal.trim().replace(/^[+\-\u2212]/, ""));
}
