/**
 * A ticker's recent prices, for its sparkline: seeded from the server's `history` event, extended
 * by live quotes, and bounded as the server bounds its own ring.
 */

/** PricePoint is one price and when the source showed it, in ms since the epoch. */
export interface PricePoint {
  readonly at: number;
  readonly price: string;
}

/** RecentPrices is a bounded list of points, oldest first. Immutable. */
export interface RecentPrices {
  readonly points: readonly PricePoint[];
  /** maxPoints and maxAgeMs bound the list; a larger history from the server widens them. */
  readonly maxPoints: number;
  readonly maxAgeMs: number;
}

/**
 * SERVER_DEFAULT_BOUNDS are the server's default ring (15 minutes or 300 points, whichever is
 * smaller). They only matter while the server's own bounds are unknown: a history it sent that
 * holds more points, or spans longer, raises them to match. A young ring (a page that just opened)
 * sends few points, which say nothing about the bounds, hence this floor.
 */
const SERVER_DEFAULT_BOUNDS = { maxPoints: 300, maxAgeMs: 15 * 60_000 };

/** NO_PRICES is the list before any price. */
export const NO_PRICES: RecentPrices = { points: [], ...SERVER_DEFAULT_BOUNDS };

/**
 * pricesFromHistory is the list the server's history seeds: its points, in time order, with the
 * bounds widened to hold all of them.
 */
export function pricesFromHistory(points: readonly PricePoint[]): RecentPrices {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const span = (sorted.at(-1)?.at ?? 0) - (sorted[0]?.at ?? 0);
  return {
    points: sorted,
    maxPoints: Math.max(SERVER_DEFAULT_BOUNDS.maxPoints, sorted.length),
    maxAgeMs: Math.max(SERVER_DEFAULT_BOUNDS.maxAgeMs, span),
  };
}

/**
 * withPoint is `prices` with `point` appended, and the oldest points dropped beyond the bounds
 * (age counted from the newest point, not the clock). A point no newer than the last one, such as
 * the cached quote the server repeats after its history, is left out: it is already there.
 */
export function withPoint(prices: RecentPrices, point: PricePoint): RecentPrices {
  const last = prices.points.at(-1);
  if (last !== undefined && point.at <= last.at) return prices;
  const oldest = point.at - prices.maxAgeMs;
  const kept = prices.points.filter((p) => p.at >= oldest);
  const start = Math.max(0, kept.length + 1 - prices.maxPoints);
  return { ...prices, points: [...kept.slice(start), point] };
}
