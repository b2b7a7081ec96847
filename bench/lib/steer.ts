/**
 * Price changes on demand: a bounded series of distinct prices pushed through the look-alike's
 * control endpoint, on a schedule, remembering when each was sent.
 */
import type { PriceLadder, SimControl } from "./sim-control.js";
import { pause } from "./wait.js";

/** SteerSeries describes one series of steered prices. */
export interface SteerSeries {
  readonly control: SimControl;
  readonly ticker: string;
  readonly ladder: PriceLadder;
  /** count bounds the series. */
  readonly count: number;
  /**
   * maxDurationMs also bounds it: a server too busy to answer its control requests at the asked
   * pace gets fewer changes, not a longer run. Default: no limit beyond `count`.
   */
  readonly maxDurationMs?: number;
  /** gapMs is the wait before each change, from the previous change's scheduled time. */
  readonly gapMs: () => number;
  /**
   * sent is told of each price just before its request leaves, so a quote that overtakes the
   * control request's response still finds its start time.
   */
  readonly sent: (price: string, sentAtMs: number) => void;
  readonly signal: AbortSignal;
}

/** SteerReport says how long the control requests themselves took (part of what we measure). */
export interface SteerReport {
  readonly sent: number;
  /** roundTripsMs holds each control request's duration, request sent → 204 received. */
  readonly roundTripsMs: number[];
  /** seconds the series took, from its start to the last response. */
  readonly seconds: number;
}

/**
 * steerSeries sends `count` prices one at a time. The schedule does not drift: a slow request
 * shortens the next gap rather than stretching the whole series (one request in flight at most).
 */
export async function steerSeries(series: SteerSeries): Promise<SteerReport> {
  const roundTripsMs: number[] = [];
  const started = performance.now();
  const stopAt = started + (series.maxDurationMs ?? Infinity);
  let due = started;
  let sent = 0;
  for (; sent < series.count && performance.now() < stopAt; sent++) {
    due += series.gapMs();
    const wait = due - performance.now();
    if (wait > 0) await pause(wait, series.signal);
    series.signal.throwIfAborted();
    const price = series.ladder.next();
    const sentAt = Date.now();
    series.sent(price, sentAt);
    await series.control.steer(series.ticker, { price });
    roundTripsMs.push(Date.now() - sentAt);
  }
  return { sent, roundTripsMs, seconds: (performance.now() - started) / 1000 };
}

/** uniform returns a gap function drawing uniformly from [min, max] ms. */
export function uniform(minMs: number, maxMs: number): () => number {
  return () => minMs + Math.random() * (maxMs - minMs);
}

/** every returns a fixed gap function. */
export function every(ms: number): () => number {
  return () => ms;
}
