/**
 * The soak's summary for people (a short table and a verdict) and for the record (JSON under
 * bench/results/, beside the benchmark's runs).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Machine } from "../lib/machine.js";
import type { Sample } from "./sampler.js";
import type { SoakSummary } from "./summary.js";
import type { Tally } from "./tally.js";

/** LONG_RUN_S: below this, a memory slope is mostly GC timing and V8 growing its heap. */
const LONG_RUN_S = 30 * 60;

function show(value: number | null, signed = false, decimals = 0): string {
  if (value === null) return "—";
  const text = value.toFixed(decimals);
  return signed && value > 0 ? `+${text}` : text;
}

function verdict(ok: boolean): string {
  return ok ? "pass" : "FAIL";
}

/** formatSummary renders the summary; `loadS` is how long the load ran, `interrupted` whether it was cut short. */
export function formatSummary(summary: SoakSummary, tally: Tally, loadS: number, interrupted: boolean): string {
  const lines: string[] = [];
  const header = ["figure", "idle before", "after warm-up", "last under load", "final (idle)", "growth"];
  const rows = summary.growth.map((g) => {
    const d = g.name.endsWith("MB") ? 1 : 0;
    return [g.name, show(g.idle, false, d), show(g.warm, false, d), show(g.lastUnderLoad, false, d), show(g.final, false, d), show(g.growth, true, d)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  lines.push(`growth from the first sample after the warm-up (t = ${show(summary.warmSampleAtS)} s, under load) to the final one (clients gone, server settled):`);
  lines.push(line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line));
  const { slopes } = summary;
  const note = loadS < LONG_RUN_S ? "information only: a run this short is noisy (GC timing, V8 growing its heap); trust a trend from an hour or more" : "information only";
  lines.push(
    "",
    `slope under load (least squares over ${slopes.samples} samples): RSS ${show(slopes.rssMbPerHour, true)} MB/h, heap ${show(slopes.heapMbPerHour, true)} MB/h — ${note}`,
  );
  const { pages, subscribers, watches } = summary.atEnd;
  const idle = pages === 0 && subscribers === 0 && watches === 0;
  lines.push(`after the clients left: pages ${show(pages)}, subscribers ${show(subscribers)}, watches ${show(watches)} — ${verdict(idle)}`);
  const expected = [...tally.expected.values()].reduce((a, b) => a + b, 0);
  lines.push(`unexpected errors: ${summary.unexpectedErrors} — ${verdict(summary.unexpectedErrors === 0)} (${expected} refusals provoked on purpose came as expected)`);
  for (const error of tally.unexpected.slice(0, 10)) lines.push(`  at ${error.atS} s: ${error.what}: ${error.code}: ${error.message}`);
  lines.push(`server exit code after SIGTERM: ${show(summary.serverExitCode)} — ${verdict(summary.serverExitCode === 0)}`);
  lines.push(`Chromium processes left after the server exited: ${summary.chromiumLeftBehind} — ${verdict(summary.chromiumLeftBehind === 0)}`);
  const opened = [...tally.opened].map(([kind, n]) => `${n} ${kind}`).join(", ");
  lines.push(
    `calls: ${opened}; churned streams aborted before their first quote ${tally.abortedBeforeFirstQuote}, after quotes ${tally.abortedAfterQuotes}; ${tally.updates} UpdateWatch calls; ${tally.quotes} quotes received`,
  );
  const verdictLine = summary.failures.length === 0 ? "PASS" : `FAIL — ${summary.failures.join("; ")}`;
  lines.push(interrupted ? `soak: INTERRUPTED after ${loadS} s of load (checks: ${verdictLine})` : `soak: ${verdictLine}`);
  return lines.join("\n");
}

/** SoakRecord is the JSON written for each soak. */
export interface SoakRecord {
  readonly kind: "soak";
  readonly startedAt: string;
  readonly minutes: number;
  readonly intervalS: number;
  readonly warmupS: number;
  readonly seed: number;
  readonly interrupted: boolean;
  readonly machine: Machine;
  readonly loadAverageEnd: readonly number[];
  readonly load: unknown;
  readonly samples: readonly Sample[];
  readonly clients: Tally;
  readonly summary: SoakSummary;
}

/** writeSoakRecord writes `record` as indented JSON at `path`, creating its folder. */
export function writeSoakRecord(path: string, record: SoakRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
}
