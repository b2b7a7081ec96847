/**
 * A seeded random source, so a soak that found something can be run again with the same choices
 * (the timing of a real server still differs from run to run).
 */
import { mulberry32 } from "@crypto-stream/backend/sim";

/** Random wraps the look-alike's mulberry32 with the picks the soak needs: symbols and delays. */
export class Random {
  /** next returns a number in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** int returns an integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** chance is true with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** pick returns one of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** sample returns `n` distinct items of `items` (all of them when n ≥ their count). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
}
