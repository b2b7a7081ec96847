/**
 * RSS per idle stream, weighed the one way scenarios 12 (HTTP/1.1) and 14 (HTTP/2) both weigh it:
 * a first tenth of the streams opened (the page, the buffers and the heap warmed up), RSS read,
 * the rest opened, RSS read again, and the growth divided by the streams added. The caller makes
 * the streams idle (the symbol paused on the server, a floor that does not tick).
 */
import { rssKb } from "../lib/proc-stats.js";
import { pause } from "../lib/wait.js";
import type { Target } from "./measure.js";
import { ClientPool } from "./pool.js";

/** IdleWeighing says what to hold: `total` StreamPrice streams of `ticker`, opened `batch` at a time. */
export interface IdleWeighing {
  readonly ticker: string;
  readonly total: number;
  readonly batch: number;
  readonly processes: number;
  /** http2Connections spreads the streams over this many HTTP/2 connections; HTTP/1.1 when absent. */
  readonly http2Connections?: number;
}

/** firstOf is how many streams are open at the first reading: a tenth, at least one. */
export function firstOf(total: number): number {
  return Math.max(1, Math.round(total / 10));
}

/** rssPerIdleStream weighs `target` once (see the file header), in kB per stream added. */
export async function rssPerIdleStream(target: Target, weighing: IdleWeighing, signal: AbortSignal): Promise<number> {
  const { ticker, total, batch, processes, http2Connections } = weighing;
  const first = firstOf(total);
  const pool = ClientPool.start(processes, signal);
  try {
    await pool.open(target.baseUrl, "price", [ticker], first, batch, undefined, http2Connections);
    await pause(2_000, signal);
    const before = rssKb(target.pid);
    await pool.open(target.baseUrl, "price", [ticker], total - first, batch, undefined, http2Connections);
    await pause(3_000, signal);
    const after = rssKb(target.pid);
    await pool.closeStreams();
    return (after - before) / (total - first);
  } finally {
    await pool.stop();
  }
}
