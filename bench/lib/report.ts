/**
 * What a run produces: figures with their targets, a table for people and JSON for the record.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Machine } from "./machine.js";

/**
 * Figure is one measured number. `pass` is undefined for a figure printed for information only
 * (no target), and null when the figure could not be measured.
 */
export interface Figure {
  readonly scenario: string;
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  /** target as people read it, e.g. "≤ 20 ms"; "" when there is none. */
  readonly target: string;
  readonly pass?: boolean | null;
}

/** ScenarioOutcome is one scenario's figures and the raw details kept in the JSON. */
export interface ScenarioOutcome {
  readonly id: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  readonly details: Record<string, unknown>;
  /** error says why the scenario could not run; its figures are then whatever it got to. */
  readonly error?: string;
  /** skipped says why the scenario did not run here; a skip is not a failure. */
  readonly skipped?: string;
  readonly seconds: number;
}

/** atMost builds a figure checked against an upper bound. */
export function atMost(scenario: string, name: string, value: number | null, limit: number, unit: string): Figure {
  return { scenario, name, value, unit, target: `≤ ${limit} ${unit}`.trim(), pass: value === null ? null : value <= limit };
}

/** info builds a figure with no target. */
export function info(scenario: string, name: string, value: number | null, unit: string): Figure {
  return { scenario, name, value, unit, target: "" };
}

/** check builds a figure whose pass/miss the scenario decided itself (e.g. "exactly one page"). */
export function check(scenario: string, name: string, value: number | null, unit: string, target: string, pass: boolean | null): Figure {
  return { scenario, name, value, unit, target, pass: value === null ? null : pass };
}

function verdict(figure: Figure): string {
  if (figure.pass === undefined) return "info";
  if (figure.pass === null) return "n/a";
  return figure.pass ? "pass" : "MISS";
}

function show(value: number | null, unit: string): string {
  if (value === null) return "—";
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

/** formatTable renders every figure as a fixed-width table, scenario by scenario. */
export function formatTable(outcomes: readonly ScenarioOutcome[]): string {
  const rows: string[][] = [["#", "figure", "value", "target", "result"]];
  for (const outcome of outcomes) {
    for (const figure of outcome.figures) {
      rows.push([figure.scenario, figure.name, show(figure.value, figure.unit), figure.target || "—", verdict(figure)]);
    }
    if (outcome.error !== undefined) rows.push([outcome.id, `${outcome.title}: COULD NOT RUN`, "—", "—", "error"]);
    if (outcome.skipped !== undefined) rows.push([outcome.id, `${outcome.title}: skipped, ${outcome.skipped}`, "—", "—", "skipped"]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}

/** formatMarkdown renders the same table as Markdown, for docs/PERFORMANCE.md. */
export function formatMarkdown(outcomes: readonly ScenarioOutcome[]): string {
  const lines = ["| # | figure | value | target | result |", "| --- | --- | ---: | --- | --- |"];
  for (const outcome of outcomes) {
    for (const f of outcome.figures) {
      lines.push(`| ${f.scenario} | ${f.name} | ${show(f.value, f.unit)} | ${f.target || "—"} | ${verdict(f)} |`);
    }
    if (outcome.error !== undefined) lines.push(`| ${outcome.id} | ${outcome.title}: could not run | — | — | error |`);
    if (outcome.skipped !== undefined) lines.push(`| ${outcome.id} | ${outcome.title}: skipped, ${outcome.skipped} | — | — | skipped |`);
  }
  return lines.join("\n");
}

/** RunRecord is the JSON written for each run. */
export interface RunRecord {
  readonly startedAt: string;
  readonly mode: "quick" | "full";
  readonly seconds: number;
  readonly machine: Machine;
  /** loadAverageEnd is the 1, 5 and 15 minute load when the run ended: was the machine shared? */
  readonly loadAverageEnd: readonly number[];
  readonly serverExitCode: number | null;
  readonly outcomes: readonly ScenarioOutcome[];
}

/** writeRecord writes `record` as indented JSON at `path`, creating its folder. */
export function writeRecord(path: string, record: RunRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * ratioToFloor builds a figure for `value` / `floor`, checked against at most `limit` times the
 * floor when a limit is given (information only otherwise). Null when either side is missing.
 */
export function ratioToFloor(scenario: string, name: string, value: number | null, floor: number | null, limit?: number): Figure {
  const ratio = value === null || floor === null || floor <= 0 ? null : Math.round((value / floor) * 100) / 100;
  const shown = `${name}: ${show(value, "")} vs floor ${show(floor, "")}`;
  if (limit === undefined) return info(scenario, shown, ratio, "×");
  return { scenario, name: shown, value: ratio, unit: "×", target: `≤ ${limit}× floor`, pass: ratio === null ? null : ratio <= limit };
}
