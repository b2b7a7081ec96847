/**
 * The server under test: the real backend (`node --import tsx backend/src/main.ts`) as a child
 * process in demo mode on a free loopback port, so the benchmark measures exactly what ships.
 */
import { existsSync } from "node:fs";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { repoRoot } from "@crypto-stream/test-support/spawn-in-repo";
import { waitFor } from "@crypto-stream/test-support/wait-for";
import { httpRequest } from "./http.js";

/** REPO_ROOT is the repository root; the server runs from there like `npm start` does. */
export const REPO_ROOT = repoRoot;

/** ReadyCounts is the JSON of `GET /readyz`. */
export interface ReadyCounts {
  readonly status: string;
  readonly symbols: number;
  readonly openFeeds: number;
  readonly subscribers: number;
  readonly watches: number;
}

/** ServerOptions configure startServer. */
export interface ServerOptions {
  /** chromiumPath is passed as CHROMIUM_PATH; undefined lets the server find one. */
  readonly chromiumPath: string | undefined;
  /** logFile receives the server's stdout and stderr (JSON lines at LOG_LEVEL=warn). */
  readonly logFile: string;
  /** readyTimeoutMs bounds the wait for `/readyz` to answer 200. */
  readonly readyTimeoutMs: number;
  /** env adds settings the scenarios need (e.g. MAX_STREAMS_PER_CLIENT); demo, headless and logs are fixed. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * ownProcessGroup starts the server in a process group of its own, so a Ctrl-C in the terminal
   * reaches only the caller, which can then stop the server in order (a second signal would force
   * the server's exit). The caller must then stop or kill it on every exit path, signals included.
   */
  readonly ownProcessGroup?: boolean;
  /**
   * spawned is told of the process as soon as it runs, before it is ready: a caller that must kill
   * it on an emergency exit (SIGINT) needs the handle while startServer is still waiting.
   */
  readonly spawned?: (server: BenchServer) => void;
}

/**
 * BenchServer is a running server. The caller owns it and must `stop()` it; `kill()` is for an
 * emergency exit only.
 */
export interface BenchServer {
  readonly pid: number;
  readonly baseUrl: string;
  /** running is false once the process has exited, for whatever reason. */
  running(): boolean;
  /** readyz fetches the readiness counts. */
  readyz(): Promise<ReadyCounts>;
  /**
   * stop sends SIGTERM and resolves with the exit code once the process has exited; after
   * `timeoutMs` it sends SIGKILL and resolves with null. Idempotent.
   */
  stop(timeoutMs: number): Promise<number | null>;
  /**
   * kill sends SIGKILL at once to the server and to every process below it (its Chromium), which
   * would otherwise outlive a killed server. No-op once the server has exited.
   */
  kill(): void;
}

/** defaultChromiumPath is CHROMIUM_PATH, else a system Chromium, else undefined (the server finds Playwright's). */
export function defaultChromiumPath(): string | undefined {
  const configured = process.env["CHROMIUM_PATH"]?.trim();
  if (configured) return configured;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

/** startServer spawns the server and resolves once `/readyz` answers 200. */
export async function startServer(options: ServerOptions): Promise<BenchServer> {
  // BENCH_SERVER_NODE_ARGS adds Node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to see where its time goes under the bench's load (such flags are refused in NODE_OPTIONS).
  const nodeArgs = (process.env["BENCH_SERVER_NODE_ARGS"] ?? "").split(" ").filter((arg) => arg !== "");
  const env: Record<string, string | undefined> = {
    // The main bench server runs alone whatever the shell says; only a scenario's cluster joins Redis.
    REDIS_URL: undefined,
    // The server's own defaults, not the test defaults: the bench measures what ships.
    SIM_TICK_MS: undefined,
    SPARE_PAGES: undefined,
    ...options.env,
    HEADLESS: "true",
    // BENCH_SERVER_LOG_LEVEL=info puts the scraper's page timings (page.opened, page.navigated) in the server log.
    LOG_LEVEL: process.env["BENCH_SERVER_LOG_LEVEL"] ?? "warn",
  };
  if (options.chromiumPath !== undefined) env["CHROMIUM_PATH"] = options.chromiumPath;
  const server = await startServerProcess({
    env,
    nodeArgs,
    logFile: options.logFile,
    detached: options.ownProcessGroup ?? false,
    readyTimeoutMs: options.readyTimeoutMs,
    spawned: options.spawned && ((process) => options.spawned?.(benchServer(process))),
  });
  return benchServer(server);
}

function benchServer(server: ServerProcess): BenchServer {
  return {
    pid: server.pid,
    baseUrl: server.url,
    running: server.running,
    async readyz() {
      // 503 (not ready) still carries the counts.
      return JSON.parse((await httpRequest("GET", `${server.url}/readyz`, undefined, 10_000)).body) as ReadyCounts;
    },
    stop: (timeoutMs) => server.stop(timeoutMs),
    kill: () => server.kill(),
  };
}

/**
 * waitIdle waits until the server holds no symbol and no subscriber, so the next scenario starts
 * from the same state (pages close asynchronously after the last subscriber leaves).
 */
export async function waitIdle(server: BenchServer, signal: AbortSignal, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    "the server to release every symbol",
    async () => {
      const counts = await server.readyz();
      return counts.symbols === 0 && counts.subscribers === 0;
    },
    { timeoutMs, signal, intervalMs: 200 },
  );
}
