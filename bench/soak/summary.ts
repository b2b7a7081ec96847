/**
 * The soak's verdict: how much memory, handles and descriptors grew, whether the server let go of
 * everything once its clients left, and whether anything failed that should not have.
 */
import { round } from "../lib/stats.js";
import type { Sample } from "./sampler.js";
import type { Tally } from "./tally.js";

/** GrowthRow follows one figure through the run. */
export interface GrowthRow {
  readonly name: string;
  readonly idle: number | null;
  /** warm is the first sample under load after the warm-up: the reference. */
  readonly warm: number | null;
  readonly lastUnderLoad: number | null;
  readonly final: number | null;
  /** growth is final − warm. */
  readonly growth: number | null;
}

/** SoakSummary is what the run concludes, as printed and as kept in the JSON. */
export interface SoakSummary {
  readonly warmSampleAtS: number | null;
  readonly growth: readonly GrowthRow[];
  /** slopes are least-squares fits over the samples under load from the warm-up on, in MB per hour. */
  readonly slopes: { readonly samples: number; readonly rssMbPerHour: number | null; readonly heapMbPerHour: number | null };
  readonly atEnd: { readonly pages: number | null; readonly subscribers: number | null; readonly watches: number | null };
  readonly unexpectedErrors: number;
  readonly serverExitCode: number | null;
  readonly chromiumLeftBehind: number;
  /** failures say why the soak failed; empty when it passed. */
  readonly failures: readonly string[];
}

/** Outcome is what the run observed besides its samples. */
export interface Outcome {
  /** samples in order; those under load after the warm-up have the phase "load". */
  readonly samples: readonly Sample[];
  readonly tally: Tally;
  readonly serverExitCode: number | null;
  readonly chromiumLeftBehind: number;
  /** problems are failures of the run itself (the server died, clients would not close, …). */
  readonly problems: readonly string[];
}

type Read = (s: Sample) => number | null;
const FIGURES: readonly (readonly [string, Read])[] = [
  ["server RSS MB", (s) => s.rssMb],
  ["heap used MB", (s) => s.heapUsedMb],
  ["active handles", (s) => s.handles],
  ["open fds", (s) => s.fds],
  ["Chromium PSS MB", (s) => s.chromiumPssMb],
  ["Chromium processes", (s) => s.chromiumProcesses],
];

/** slopePerHour is the least-squares slope of `read` over `samples`, per hour; null under 3 points. */
function slopePerHour(samples: readonly Sample[], read: Read): number | null {
  const points = samples.flatMap((s) => {
    const y = read(s);
    return y === null ? [] : [[s.atS / 3600, y] as const];
  });
  if (points.length < 3) return null;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  return sxx === 0 ? null : round(sxy / sxx);
}

/** summarize judges a run. */
export function summarize(outcome: Outcome): SoakSummary {
  const { samples, tally } = outcome;
  const idle = samples.find((s) => s.phase === "idle");
  const underLoad = samples.filter((s) => s.phase === "load");
  const warm = underLoad[0];
  const last = underLoad.at(-1);
  const final = samples.find((s) => s.phase === "final");
  const at = (s: Sample | undefined, read: Read) => (s === undefined ? null : read(s));
  const growth = FIGURES.map(([name, read]) => {
    const [w, f] = [at(warm, read), at(final, read)];
    const delta = w === null || f === null ? null : round(f - w);
    return { name, idle: at(idle, read), warm: w, lastUnderLoad: at(last, read), final: f, growth: delta };
  });
  const atEnd = { pages: at(final, (s) => s.pages), subscribers: at(final, (s) => s.subscribers), watches: at(final, (s) => s.watches) };
  const failures = [...outcome.problems];
  for (const [name, value] of Object.entries(atEnd)) {
    if (value !== 0) failures.push(`${name} did not return to 0 after the clients left (${String(value)})`);
  }
  if (tally.unexpectedCount > 0) failures.push(`${tally.unexpectedCount} unexpected errors`);
  if (outcome.serverExitCode !== 0) failures.push(`the server exited with ${String(outcome.serverExitCode)} after SIGTERM, not 0`);
  if (outcome.chromiumLeftBehind > 0) failures.push(`${outcome.chromiumLeftBehind} Chromium processes outlived the server`);
  return {
    warmSampleAtS: warm?.atS ?? null,
    growth,
    slopes: {
      samples: underLoad.length,
      rssMbPerHour: slopePerHour(underLoad, (s) => s.rssMb),
      heapMbPerHour: slopePerHour(underLoad, (s) => s.heapUsedMb),
    },
    atEnd,
    unexpectedErrors: tally.unexpectedCount,
    serverExitCode: outcome.serverExitCode,
    chromiumLeftBehind: outcome.chromiumLeftBehind,
    failures,
  };
}
