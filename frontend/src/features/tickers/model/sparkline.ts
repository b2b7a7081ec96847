import type { PricePoint } from "./price-history.js";

/** SparklineShape is what a sparkline draws: polyline points in a `width` × `height` box. */
export interface SparklineShape {
  /** points is the polyline's `points` attribute: "x,y x,y …", oldest first, left to right. */
  readonly points: string;
  /** count is how many points the line has. */
  readonly count: number;
}

/**
 * sparklineShape places `points` in a `width` × `height` box: time runs left to right, the lowest
 * price sits at the bottom and the highest at the top, a flat run across the middle. Prices are
 * read as floats here, which is fine for drawing (the card prints the exact decimal). Undefined
 * for fewer than two points: there is no line to draw.
 */
export function sparklineShape(points: readonly PricePoint[], width: number, height: number): SparklineShape | undefined {
  const values = points.map((p) => ({ at: p.at, value: Number(p.price) })).filter((p) => Number.isFinite(p.value));
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined || values.length < 2) return undefined;
  const low = Math.min(...values.map((p) => p.value));
  const high = Math.max(...values.map((p) => p.value));
  const span = last.at - first.at;
  const coords = values.map((p, i) => {
    const x = span > 0 ? ((p.at - first.at) / span) * width : (i / (values.length - 1)) * width;
    const y = high > low ? height - ((p.value - low) / (high - low)) * height : height / 2;
    return `${round(x)},${round(y)}`;
  });
  return { points: coords.join(" "), count: coords.length };
}

/**
 * sparklineName is the sparkline's accessible name, "Price over the last N minutes", N being the
 * points' time span rounded to whole minutes, and at least 1 ("the last 1 minute").
 */
export function sparklineName(points: readonly PricePoint[]): string {
  const span = (points.at(-1)?.at ?? 0) - (points[0]?.at ?? 0);
  const minutes = Math.max(1, Math.round(span / 60_000));
  return `Price over the last ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
