/**
 * `npm run soak -- --minutes 5`: starts the real server in demo mode on a free loopback port, runs
 * a varied load against it for a bounded time (steady watches with UpdateWatch, churning clients
 * that leave at random moments, bad input), samples the server's memory, handles and descriptors
 * and its Chromium's memory as it goes, then lets the clients go and checks the server releases
 * everything and stops cleanly. Writes the samples and summary to bench/results/soak-*.json.
 *
 * Exit status: 0 when it passed; 1 when pages, subscribers or watches stayed above 0, an
 * unexpected error occurred, the server did not exit 0 or left Chromium behind; 2 on a wrong
 * argument; 130 when interrupted.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { describeMachine } from "./lib/machine.js";
import { killAll } from "@crypto-stream/test-support/processes";
import { stillChromium } from "./lib/proc-stats.js";
import { REPO_ROOT, defaultChromiumPath, startServer, type BenchServer } from "./lib/server.js";
import { LOAD_PLAN, startLoad } from "./soak/load.js";
import { parseOptions, USAGE, UsageError, type SoakOptions } from "./soak/options.js";
import { formatSummary, writeSoakRecord } from "./soak/report.js";
import { formatHeader, formatRow, Sampler, type Sample } from "./soak/sampler.js";
import { summarize } from "./soak/summary.js";
import { sampleWhileLoaded } from "./soak/timeline.js";
import { settle, stopServer } from "./soak/wind-down.js";

function log(message: string): void {
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function optionsOrExit(): SoakOptions {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
}

/** onInterrupt aborts `interrupt` on the first SIGINT, SIGTERM or SIGHUP and exits at once on a second. */
function onInterrupt(interrupt: AbortController): void {
  let firstAt = 0;
  const handle = (signal: string) => {
    // npm forwards the terminal's SIGINT, so one Ctrl-C can arrive twice within a few milliseconds.
    if (interrupt.signal.aborted) {
      if (performance.now() - firstAt > 1_000) process.exit(130);
      return;
    }
    firstAt = performance.now();
    log(`${signal}: stopping the clients and the server (again to force)`);
    interrupt.abort();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, handle);
}

async function main(): Promise<void> {
  const options = optionsOrExit();
  const startedAt = new Date();
  const stamp = `soak-${startedAt.toISOString().replace(/[:.]/g, "-")}`;
  const resultsDir = join(REPO_ROOT, "bench", "results");
  const browser = defaultChromiumPath();
  const machine = describeMachine(browser);
  const interrupt = new AbortController();
  let server: BenchServer | undefined;
  let sampler: Sampler | undefined;
  // However the soak ends, it must not leave the server or its Chromium behind.
  process.on("exit", () => {
    server?.kill();
    killAll(stillChromium(sampler?.lastChromium ?? []));
  });
  onInterrupt(interrupt);

  log(`${options.minutes} min soak, a sample every ${options.intervalS} s, warm-up ${options.warmupS} s, seed ${options.seed}; ${machine.cpuModel} ×${machine.cores}, ${machine.chromium}`);
  server = await startServer({
    chromiumPath: browser,
    logFile: join(resultsDir, `${stamp}-server.log`),
    readyTimeoutMs: 60_000,
    // Its own process group: a Ctrl-C reaches only the soak, which then stops clients and server in order.
    ownProcessGroup: true,
    spawned: (s) => (server = s),
  });
  const running = server;
  sampler = new Sampler(running);
  log(`server pid ${running.pid} ready at ${running.baseUrl}`);

  const samples: Sample[] = [];
  const record = (sample: Sample) => {
    samples.push(sample);
    process.stdout.write(`${formatRow(sample)}\n`);
  };
  process.stdout.write(`${formatHeader()}\n`);
  record(await sampler.sample("idle", 0, 0));
  const load = startLoad(running.baseUrl, options.seed, interrupt.signal);
  const { loadS, problems, elapsedS } = await sampleWhileLoaded(running, sampler, load, options, interrupt.signal, record);

  log("stopping the clients");
  if (!(await load.stop(30_000))) problems.push("some clients had not closed their streams 30 s after being told to");
  if (running.running()) {
    const trouble = await settle(running);
    if (trouble !== undefined) log(trouble);
    try {
      record(await sampler.sample("final", elapsedS(), load.tally.unexpectedCount));
    } catch (error) {
      problems.push(`the final sample failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log("stopping the server (SIGTERM)");
  const stopped = await stopServer(running, sampler.lastChromium);

  const summary = summarize({ samples, tally: load.tally, serverExitCode: stopped.exitCode, chromiumLeftBehind: stopped.chromiumLeftBehind, problems });
  const file = join(resultsDir, `${stamp}.json`);
  const loadAverageEnd = loadavg().map((v) => Math.round(v * 100) / 100);
  const interrupted = interrupt.signal.aborted;
  writeSoakRecord(file, { kind: "soak", startedAt: startedAt.toISOString(), ...options, interrupted, machine, loadAverageEnd, load: LOAD_PLAN, samples, clients: load.tally, summary });
  process.stdout.write(`\n${formatSummary(summary, load.tally, loadS, interrupted)}\n`);
  process.stdout.write(`load average at start ${machine.loadAverage.join(" ")}, at end ${loadAverageEnd.join(" ")} (${machine.cores} cores)\n`);
  process.stdout.write(`samples and summary written to ${file}\n`);
  process.exit(interrupted ? 130 : summary.failures.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  log(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
