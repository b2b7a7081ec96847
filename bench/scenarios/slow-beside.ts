/**
 * Scenario 10's slow client: one Watch stalled past the kernel's buffers (bench/clients/slow-client.ts)
 * beside fast Watch clients of the same symbols, against the server and the floor. The slow one
 * must be conflated (fewer quotes than made, nothing of the full-buffer stretch queued, fresh on
 * resuming) and the fast ones must still get every change exactly once: every change that reached
 * the fan-out, that is. A tick every fast client missed alike never reached it (the look-alike's
 * clock ran late, or the page showed two prices before its observer ran); it is counted apart.
 */
import type { Target } from "../clients/measure.js";
import { ClientPool } from "../clients/pool.js";
import { runSlowClient, type SlowResult } from "../clients/slow-client.js";
import { check, info, type Figure } from "../lib/report.js";
import type { Plan } from "../plan.js";

/** SlowBeside is one target's slow client and what the fast clients beside it tallied. */
export interface SlowBeside {
  readonly slow: SlowResult;
  readonly fast: {
    readonly streams: number;
    readonly received: number;
    readonly missed: number;
    /** missedByAll counts the ticks every fast stream missed alike: lost before the fan-out. */
    readonly missedByAll: number;
    readonly duplicated: number;
  };
  /**
   * skipped counts the clock ticks (summed over the symbols) that the page never showed while the
   * fast clients recorded, because the look-alike's clock ran late: every fast client misses each
   * of them, before any server sees it. 0 for the floor, which makes its own clock.
   */
  readonly skipped: number;
}

/** SkippedTicks reads the look-alike's count of ticks it never showed, summed over `symbols`. */
export type SkippedTicks = (symbols: readonly string[]) => Promise<number>;

/** slowBeside opens the fast Watch clients, runs the slow one beside them, and closes everything. */
export async function slowBeside(
  target: Target,
  symbols: readonly string[],
  plan: Plan["floor"]["slow"],
  signal: AbortSignal,
  skippedTicks?: SkippedTicks,
): Promise<SlowBeside> {
  const pool = ClientPool.start(1, signal);
  try {
    await pool.open(target.baseUrl, "watch", symbols, plan.fast, plan.fast);
    const skippedBefore = (await skippedTicks?.(symbols)) ?? 0;
    await pool.record();
    const slow = await runSlowClient(target.baseUrl, { symbols, fillLimitMs: plan.fillLimitMs, holdMs: plan.holdMs }, signal);
    const tally = await pool.collect();
    const skipped = ((await skippedTicks?.(symbols)) ?? 0) - skippedBefore;
    await pool.closeStreams();
    const missedByAll = Object.values(tally.missedTicks).filter((streams) => streams === plan.fast).length;
    return { slow, fast: { streams: plan.fast, received: tally.received, missed: tally.missed, missedByAll, duplicated: tally.duplicated }, skipped };
  } finally {
    await pool.stop();
  }
}

const seconds = (ms: number | null) => (ms === null ? "not" : `${(ms / 1000).toFixed(1)} s`);

/** inFanOut is what the fast clients missed or got twice, less the ticks that never reached the fan-out. */
const inFanOut = (r: SlowBeside) => Math.max(0, r.fast.missed - r.fast.missedByAll * r.fast.streams) + r.fast.duplicated;

/** slowFigures sets the server's slow client beside the floor's, each with pass or MISS. */
export function slowFigures(server: SlowBeside, floor: SlowBeside): Figure[] {
  const s = server.slow;
  const f = floor.slow;
  const label = `slow client (Watch of ${s.symbols} symbols)`;
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en-US")} kB`;
  const cut = s.ended ? " (the server ended its stream)" : "";
  return [
    check(
      "10",
      `${label}: kernel buffers full after: server ${seconds(s.filledAfterMs)}, floor ${seconds(f.filledAfterMs)} (${kb(s.bufferedBytes)} / ${kb(f.bufferedBytes)} queued at resume)`,
      s.filledAfterMs === null ? null : s.filledAfterMs / 1000,
      "s",
      "filled, so the server must hold back",
      s.filledAfterMs !== null,
    ),
    check(
      "10",
      `${label}: quotes received of made: server ${s.received.toLocaleString("en-US")} of ${s.produced.toLocaleString("en-US")}, floor ${f.received.toLocaleString("en-US")} of ${f.produced.toLocaleString("en-US")}${cut}`,
      s.produced === 0 ? null : Math.round((s.received / s.produced) * 100) / 100,
      "",
      "< 1: conflated",
      s.filledAfterMs !== null && s.received < s.produced,
    ),
    check(
      "10",
      `${label}: quotes of the full-buffer stretch read after resuming: server ${s.held} of ${s.heldProduced} a queue would hold, floor ${f.held} of ${f.heldProduced}`,
      s.held,
      "",
      "≤ ¼ of a queue's",
      s.heldProduced > 0 && s.held * 4 <= s.heldProduced,
    ),
    check(
      "10",
      `${label}: a quote of the current tick read after resuming: server after ${seconds(s.freshAfterMs)}, floor after ${seconds(f.freshAfterMs)}`,
      s.freshAfterMs,
      "ms",
      "≤ 2,000 ms: fresh",
      s.freshAfterMs !== null && s.freshAfterMs <= 2_000,
    ),
    info(
      "10",
      `ticks every fast client missed alike, over ${s.symbols} symbols (lost before the fan-out): ${server.fast.missedByAll}, of them skipped by the look-alike's late clock: ${server.skipped}`,
      server.fast.missedByAll,
      "",
    ),
    check(
      "10",
      `${server.fast.streams} fast Watch clients beside it, missed / duplicated: server ${server.fast.missed} / ${server.fast.duplicated} of ${server.fast.received.toLocaleString("en-US")} (of them missed by all alike: ${(server.fast.missedByAll * server.fast.streams).toLocaleString("en-US")}), floor ${floor.fast.missed} / ${floor.fast.duplicated}`,
      inFanOut(server),
      "",
      "0 in the fan-out (and > 0 received)",
      server.fast.received > 0 && inFanOut(server) === 0,
    ),
  ];
}
