/**
 * Percentiles and summaries of latency samples. Nearest-rank on a sorted copy: the reported p99 is
 * a value that was actually measured, never an interpolation between two samples.
 */

/** Summary describes a set of samples; every field is null when there were none. */
export interface Summary {
  readonly count: number;
  readonly min: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

/**
 * percentile returns the nearest-rank `p`-th percentile (0 < p ≤ 100) of `sorted`, which must be
 * sorted ascending: the value at rank ⌈p/100 · n⌉. Null for an empty array.
 */
function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100]: ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1] ?? null;
}

/** summarize sorts a copy of `samples` (never the caller's array) and summarizes it. */
export function summarize(samples: ArrayLike<number>): Summary {
  // A Float64Array sorts numerically; Array.prototype.sort would compare as strings.
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let total = 0;
  for (const value of sorted) total += value;
  return {
    count: n,
    min: n > 0 ? sorted[0]! : null,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: n > 0 ? sorted[n - 1]! : null,
    mean: n > 0 ? total / n : null,
  };
}

/** round keeps `digits` fraction digits, so JSON and tables do not carry float noise. */
export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
