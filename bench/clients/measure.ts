/**
 * One measurement window of many streams against one server (the real one or the floor), taken
 * the same way for both so that their figures can be set side by side as ratios.
 */
import { CpuMeter } from "../lib/proc-stats.js";
import { round, summarize, type Summary } from "../lib/stats.js";
import { pause } from "../lib/wait.js";
import type { ClientPool } from "./pool.js";
import type { StreamKind } from "./protocol.js";

/** Target is a server the pool's clients connect to. */
export interface Target {
  readonly baseUrl: string;
  readonly pid: number;
}

/** WindowResult is what one window measured. */
export interface WindowResult {
  readonly streams: number;
  readonly deliveryMs: Summary;
  /** sinceObservedMs: receipt minus `observed_at` (see Tally): delivery without the page and scraper. */
  readonly sinceObservedMs: Summary;
  readonly received: number;
  readonly missed: number;
  readonly duplicated: number;
  readonly foreign: number;
  readonly serverCpuPercent: number;
  /** clientCpuPercent is the client processes' CPU, summed: near 100 % × processes means client-bound. */
  readonly clientCpuPercent: number;
  /** settledMs is how long the clients took to catch up after opening (see settle). */
  readonly settledMs: number;
}

/** WindowPlan says what to open and for how long to measure. */
export interface WindowPlan {
  readonly kind: StreamKind;
  readonly symbols: readonly string[];
  readonly streams: number;
  readonly batch: number;
  readonly windowMs: number;
  /** http2Connections, when set, opens gRPC StreamPrice over that many HTTP/2 connections (see ClientPool.open). */
  readonly http2Connections?: number;
  /** openTimeoutMs bounds the opening of all the streams (ClientPool's default when absent). */
  readonly openTimeoutMs?: number;
  /**
   * quiet stops the target's ticks while the streams open and restarts them before the window, so
   * that opening thousands of streams does not compete with fanning out to those already open.
   */
  readonly quiet?: { stop(): Promise<void>; start(): Promise<void> };
}

/**
 * measureWindow opens the streams, lets them settle, tallies one window of deliveries with the
 * server's and clients' CPU, and closes the streams again (also on failure, keeping its error).
 */
export async function measureWindow(pool: ClientPool, target: Target, plan: WindowPlan, signal: AbortSignal): Promise<WindowResult> {
  try {
    await plan.quiet?.stop();
    await pool.open(target.baseUrl, plan.kind, plan.symbols, plan.streams, plan.batch, plan.openTimeoutMs, plan.http2Connections);
    await plan.quiet?.start();
    const settledMs = await settle(pool, signal);
    const server = new CpuMeter(() => [target.pid]);
    const clients = new CpuMeter(() => pool.pids);
    await pool.record();
    await pause(plan.windowMs, signal);
    const tally = await pool.collect();
    const result: WindowResult = {
      streams: plan.streams,
      deliveryMs: summarize(tally.latenciesMs),
      sinceObservedMs: summarize(tally.sinceObservedMs),
      received: tally.received,
      missed: tally.missed,
      duplicated: tally.duplicated,
      foreign: tally.foreign,
      serverCpuPercent: round(server.percentOfCore()) ?? 0,
      clientCpuPercent: round(clients.percentOfCore()) ?? 0,
      settledMs,
    };
    await pool.closeStreams();
    return result;
  } catch (error) {
    // The first failure is the finding; a close that fails after it must not hide it.
    await pool.closeStreams().catch(() => 0);
    throw error;
  }
}

/** SETTLE_MAX_MS bounds the wait for the clients to catch up; the window is measured after it regardless. */
const SETTLE_MAX_MS = 60_000;

/**
 * settle waits, in 1 s steps, until the clients read quotes less than half a second old (median):
 * opening hands each new stream a history (300 quotes a symbol at most), megabytes for a thousand
 * Watch clients, and the window must measure fan-out, not clients still reading that. The floor
 * sends no history and settles at once.
 */
async function settle(pool: ClientPool, signal: AbortSignal): Promise<number> {
  const started = Date.now();
  await pause(2_000, signal);
  while (Date.now() - started < SETTLE_MAX_MS) {
    await pool.record();
    await pause(1_000, signal);
    const { latenciesMs } = await pool.collect();
    const p50 = summarize(latenciesMs).p50;
    if (p50 !== null && p50 < 500) break;
  }
  return Date.now() - started;
}

/** describeWindow is a progress line for the log. */
export function describeWindow(label: string, r: WindowResult): string {
  return (
    `${label}: ${r.streams} streams, p50 ${r.deliveryMs.p50} ms p99 ${r.deliveryMs.p99} ms ` +
    `(after observed_at ${r.sinceObservedMs.p50} / ${r.sinceObservedMs.p99} ms), ` +
    `${r.received} quotes, ${r.missed} missed, ${r.duplicated} duplicated, ${r.foreign} foreign, ` +
    `server CPU ${r.serverCpuPercent} %, clients CPU ${r.clientCpuPercent} %, settled after ${r.settledMs} ms`
  );
}
