/**
 * What every scenario gets and gives back. A scenario owns what it opens (clients, streams, child
 * processes) and closes all of it before it returns or throws, so the next one starts idle.
 */
import type { BenchServer } from "../lib/server.js";
import type { SimControl } from "../lib/sim-control.js";
import type { Figure } from "../lib/report.js";
import type { Plan } from "../plan.js";

/** BenchContext is shared by the scenarios of one run. */
export interface BenchContext {
  readonly quick: boolean;
  readonly plan: Plan;
  readonly server: BenchServer;
  /** control steers the look-alike the server reads (a process of its own). */
  readonly control: SimControl;
  /** lookAlikeUrl is the base of the look-alike's symbol pages (`…/sim`), for a second reader such as the poller. */
  readonly lookAlikeUrl: string;
  /** chromiumPath is the browser the server uses; the baseline launches the same one. */
  readonly chromiumPath: string | undefined;
  /** logFile names a log file for a process the scenario starts, beside the run's JSON. */
  logFile(name: string): string;
  /** signal aborts when the scenario's time is up. */
  readonly signal: AbortSignal;
  /** log prints a progress line on stderr. */
  log(message: string): void;
}

/** ScenarioResult is what a scenario measured. */
export interface ScenarioResult {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
  /** skipped says why the scenario could not run here (e.g. a missing tool); not a failure. */
  readonly skipped?: string;
}

/** Scenario is one numbered scenario: 1–7 the first targets, 8 the cluster's Redis hop, 10–12 the fan-out, 13 the history ring, 14 gRPC over HTTP/2. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** fullTimeoutMs replaces the plan's scenarioTimeoutMs in a full run, for a scenario that needs longer. */
  readonly fullTimeoutMs?: number;
  /** quickTimeoutMs replaces the plan's scenarioTimeoutMs in a quick run, for a scenario of several windows. */
  readonly quickTimeoutMs?: number;
  run(context: BenchContext): Promise<ScenarioResult>;
}
