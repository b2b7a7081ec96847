/**
 * The soak's clock: a sample before the load, then one every interval while the load runs, on a
 * fixed schedule (a slow sample does not push the later ones back).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchServer } from "../lib/server.js";
import type { RunningLoad } from "./load.js";
import type { SoakOptions } from "./options.js";
import type { Sample, Sampler } from "./sampler.js";

/** TimelineResult is how long the load ran and what went wrong with the run itself. */
export interface TimelineResult {
  readonly loadS: number;
  readonly problems: string[];
  /** elapsedS is seconds since the load started, for the samples taken after it. */
  readonly elapsedS: () => number;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * sampleWhileLoaded samples every `options.intervalS` until the soak's time is up or `signal`
 * aborts, handing each sample to `record`. The load must already be running; it is left running.
 */
export async function sampleWhileLoaded(
  server: BenchServer,
  sampler: Sampler,
  load: RunningLoad,
  options: SoakOptions,
  signal: AbortSignal,
  record: (sample: Sample) => void,
): Promise<TimelineResult> {
  const durationS = options.minutes * 60;
  const start = performance.now();
  const elapsedS = () => (performance.now() - start) / 1000;
  const until = (s: number) => sleep(Math.max(0, s * 1000 - (performance.now() - start)), undefined, { signal }).catch(() => undefined);
  const problems: string[] = [];
  for (let atS = options.intervalS; atS <= durationS + 1e-6 && !signal.aborted; atS += options.intervalS) {
    await until(atS);
    if (signal.aborted) break;
    if (!server.running()) {
      problems.push("the server process ended during the soak");
      break;
    }
    try {
      record(await sampler.sample(atS < options.warmupS ? "warm-up" : "load", elapsedS(), load.tally.unexpectedCount));
    } catch (error) {
      problems.push(`a sample failed: ${describe(error)}`);
      break;
    }
  }
  if (problems.length === 0) await until(durationS);
  return { loadS: Math.round(elapsedS()), problems, elapsedS };
}
