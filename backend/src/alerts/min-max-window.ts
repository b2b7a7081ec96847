/**
 * The lowest and highest price of a sliding window of time, for move alerts: two monotonic
 * queues, so each price costs O(1) amortised however long the window. Memory is bounded: past
 * MAX_SAMPLES kept entries the oldest go, which shortens the window rather than grow without end
 * (a symbol that falls with every quote for hours keeps every quote in the "min" queue).
 */
import { compareExact, type Exact } from "./exact-decimal.js";

/** MAX_SAMPLES bounds each queue: at 4 changes a second, over 17 minutes of a one-way market. */
const MAX_SAMPLES = 4096;

interface Sample {
  readonly price: Exact;
  readonly at: number;
}

/** MinMaxWindow holds the samples that can still be a window's min or max. */
export class MinMaxWindow {
  private lows: Sample[] = [];
  private highs: Sample[] = [];

  /** push adds a price seen at `at` (not before the last one pushed). */
  push(price: Exact, at: number): void {
    const sample = { price, at };
    while (this.lows.length > 0 && compareExact(this.lows.at(-1)!.price, price) >= 0) this.lows.pop();
    while (this.highs.length > 0 && compareExact(this.highs.at(-1)!.price, price) <= 0) this.highs.pop();
    this.lows.push(sample);
    this.highs.push(sample);
    if (this.lows.length > MAX_SAMPLES) this.lows.shift();
    if (this.highs.length > MAX_SAMPLES) this.highs.shift();
  }

  /** evictBefore drops samples seen before `at`. */
  evictBefore(at: number): void {
    while (this.lows.length > 0 && this.lows[0]!.at < at) this.lows.shift();
    while (this.highs.length > 0 && this.highs[0]!.at < at) this.highs.shift();
  }

  min(): Exact | undefined {
    return this.lows[0]?.price;
  }

  max(): Exact | undefined {
    return this.highs[0]?.price;
  }

  clear(): void {
    this.lows = [];
    this.highs = [];
  }
}
