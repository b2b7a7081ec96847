/**
 * `npm run bench [-- --quick] [-- --only=1,4]`: starts the real server reading the look-alike in a
 * process of its own (bench/sim/), runs the
 * scenarios of the first targets against it (and the cluster's Redis hop, which starts a cluster of its own; and
 * the fan-out beside a bare node:http floor, cold opens and idle memory, 10–12; gRPC over HTTP/2
 * beside a bare node:http2 floor, 14), prints a
 * table of figures beside their targets, writes the run
 * as JSON under bench/results/, then stops the server with SIGTERM and checks it exited 0.
 *
 * Exit status: 0 when every scenario ran and the server stopped cleanly, 1 otherwise. A missed
 * target is a finding, not a failure: CI runs `--quick` to prove the benchmark still runs.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describeMachine } from "./lib/machine.js";
import { formatMarkdown, formatTable, writeRecord, type ScenarioOutcome } from "./lib/report.js";
import { REPO_ROOT, defaultChromiumPath, waitIdle } from "./lib/server.js";
import { createSimControl } from "./lib/sim-control.js";
import { startStack } from "./lib/stack.js";
import { FULL, QUICK } from "./plan.js";
import { baseline } from "./scenarios/baseline.js";
import { breadth } from "./scenarios/breadth.js";
import { coldOpens } from "./scenarios/cold-opens.js";
import { detection } from "./scenarios/detection.js";
import { fanOut } from "./scenarios/fan-out.js";
import { firstQuote } from "./scenarios/first-quote.js";
import { idleMemory } from "./scenarios/idle-memory.js";
import { floorFanOut } from "./scenarios/floor-fan-out.js";
import { historyRing } from "./scenarios/history-ring.js";
import { http2FanOut } from "./scenarios/http2-fan-out.js";
import { redisHop } from "./scenarios/redis-hop.js";
import type { BenchContext, Scenario } from "./scenarios/scenario.js";
import { watchScenario } from "./scenarios/watch.js";

/**
 * Run order, not report order: the fan-out goes last because 10,000 subscribers leave the server
 * with a large heap whose upkeep would tax the CPU figures of any scenario after it.
 */
const SCENARIOS: readonly Scenario[] = [detection, firstQuote, coldOpens, breadth, watchScenario, redisHop, baseline, historyRing, idleMemory, http2FanOut, floorFanOut, fanOut];

/** byNumber sorts outcomes as the plan numbers its scenarios ("2,3" sorts as 2). */
function byNumber(a: ScenarioOutcome, b: ScenarioOutcome): number {
  return Number.parseInt(a.id, 10) - Number.parseInt(b.id, 10);
}

interface Options {
  readonly quick: boolean;
  readonly only: ReadonlySet<string> | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  let quick = false;
  let only: Set<string> | undefined;
  for (const arg of argv) {
    if (arg === "--quick") quick = true;
    else if (arg.startsWith("--only=")) only = new Set(arg.slice("--only=".length).split(","));
    else {
      process.stderr.write(`unknown argument ${arg}; use --quick and/or --only=1,2,...\n`);
      process.exit(2);
    }
  }
  return { quick, only };
}

/** selected keeps the scenarios asked for; "2" and "3" share one scenario (fan-out). */
function selected(only: ReadonlySet<string> | undefined): Scenario[] {
  if (!only) return [...SCENARIOS];
  return SCENARIOS.filter((s) => s.id.split(",").some((id) => only.has(id)));
}

/** describe names an error and its causes: undici says only "fetch failed" and hides why in `cause`. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : typeof e === "string" ? e : inspect(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(" ← ");
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function runScenario(scenario: Scenario, base: Omit<BenchContext, "signal" | "log">): Promise<ScenarioOutcome> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(base.quick ? (scenario.quickTimeoutMs ?? base.plan.scenarioTimeoutMs) : (scenario.fullTimeoutMs ?? base.plan.scenarioTimeoutMs));
  const context: BenchContext = { ...base, signal: deadline, log: (m) => log(`${scenario.id} ${m}`) };
  log(`scenario ${scenario.id}: ${scenario.title}`);
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  try {
    const result = await scenario.run(context);
    return { id: scenario.id, title: scenario.title, ...result, seconds: seconds() };
  } catch (error) {
    let message = describe(error);
    if (!base.server.running()) message = `the server process ended during the scenario (stopped from outside?): ${message}`;
    log(`scenario ${scenario.id} could not run: ${message}`);
    return { id: scenario.id, title: scenario.title, figures: [], details: {}, error: message, seconds: seconds() };
  } finally {
    // The next scenario must start with no symbol open, whatever this one left behind.
    if (base.server.running()) await waitIdle(base.server, AbortSignal.timeout(30_000)).catch((error: unknown) => log(`server not idle: ${String(error)}`));
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const plan = options.quick ? QUICK : FULL;
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const resultsDir = join(REPO_ROOT, "bench", "results");
  const browser = defaultChromiumPath();
  const machine = describeMachine(browser);
  log(`${options.quick ? "quick" : "full"} run on ${machine.cpuModel} ×${machine.cores}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.chromium}`);

  const perClient = Math.max(...plan.delivery.levels, ...plan.floor.levels, plan.floor.watches, plan.http2.streams, plan.http2.idle) + 100;
  const stack = await startStack({
    chromiumPath: browser,
    logFile: join(resultsDir, `${stamp}-server.log`),
    readyTimeoutMs: 60_000,
    // Every bench subscriber comes from 127.0.0.1, which the per-client stream and connection caps
    // (defaults 100 and 200) would otherwise treat as one greedy client.
    env: { MAX_STREAMS_PER_CLIENT: String(perClient), MAX_CONNECTIONS_PER_CLIENT: String(perClient) },
  });
  const { server, lookAlike } = stack;
  // However the run ends, it must not leave a server (and its Chromium) or the look-alike behind.
  process.on("exit", () => stack.kill());
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  log(`server pid ${server.pid} ready at ${server.baseUrl}, reading the look-alike (pid ${lookAlike.pid}) at ${lookAlike.pagesUrl}`);

  const base = {
    quick: options.quick,
    plan,
    server,
    control: createSimControl(lookAlike.origin),
    lookAlikeUrl: lookAlike.pagesUrl,
    chromiumPath: browser,
    logFile: (name: string) => join(resultsDir, `${stamp}-${name}.log`),
  };
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of selected(options.only)) {
    if (!server.running()) {
      outcomes.push({ id: scenario.id, title: scenario.title, figures: [], details: {}, error: "the server is not running", seconds: 0 });
      continue;
    }
    outcomes.push(await runScenario(scenario, base));
  }

  outcomes.sort(byNumber);
  log("stopping the server (SIGTERM)");
  const serverExitCode = await stack.stop(20_000);
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const file = join(resultsDir, `${stamp}.json`);
  writeRecord(file, { startedAt: startedAt.toISOString(), mode: options.quick ? "quick" : "full", seconds, machine, loadAverageEnd: loadavg().map((v) => Math.round(v * 100) / 100), serverExitCode, outcomes });

  process.stdout.write(`\n${formatTable(outcomes)}\n\n`);
  if (process.env["BENCH_MARKDOWN"] === "true") process.stdout.write(`${formatMarkdown(outcomes)}\n\n`);
  process.stdout.write(`load average at start ${machine.loadAverage.join(" ")}, at end ${loadavg().map((v) => v.toFixed(2)).join(" ")} (${machine.cores} cores)\n`);
  process.stdout.write(`server exit code: ${String(serverExitCode)} (expected 0)\n`);
  process.stdout.write(`run took ${seconds} s; figures written to ${file}\n`);
  if (options.quick) process.stdout.write("quick run: counts are too small for the figures to mean anything; it proves the benchmark runs\n");

  const failed = outcomes.some((o) => o.error !== undefined) || serverExitCode !== 0;
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
