/**
 * The server under test: the real backend (`node --import tsx backend/src/main.ts`) as a child
 * process in demo mode on a free loopback port, so the benchmark measures exactly what ships.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { httpRequest } from "./http.js";
import { descendants, killAll } from "./proc-stats.js";
import { waitFor } from "./wait.js";

/** REPO_ROOT is the repository root; the server runs from there like `npm start` does. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

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

/** freePort asks the kernel for an unused loopback port (released again before the server binds it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port from the kernel");
  return address.port;
}

/** startServer spawns the server and resolves once `/readyz` answers 200. */
export async function startServer(options: ServerOptions): Promise<BenchServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = openSync(options.logFile, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DEMO: "true",
    HEADLESS: "true",
    // BENCH_SERVER_LOG_LEVEL=info puts the scraper's page timings (page.opened, page.navigated) in the server log.
    LOG_LEVEL: process.env["BENCH_SERVER_LOG_LEVEL"] ?? "warn",
  };
  if (options.chromiumPath !== undefined) env["CHROMIUM_PATH"] = options.chromiumPath;
  // The main bench server runs alone whatever the shell says; only a scenario's cluster joins Redis.
  if (options.env?.["REDIS_URL"] === undefined) delete env["REDIS_URL"];
  // BENCH_SERVER_NODE_ARGS adds Node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to see where its time goes under the bench's load (such flags are refused in NODE_OPTIONS).
  const nodeArgs = (process.env["BENCH_SERVER_NODE_ARGS"] ?? "").split(" ").filter((arg) => arg !== "");
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "backend/src/main.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", log, log],
    detached: options.ownProcessGroup ?? false,
  });
  closeSync(log); // the child holds its own descriptor
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  if (child.pid === undefined) throw new Error("the server process did not start");
  const server = createHandle(child, child.pid, baseUrl, exited);
  options.spawned?.(server);
  try {
    await waitReady(server, exited, options.readyTimeoutMs);
  } catch (error) {
    await server.stop(5_000);
    throw error;
  }
  return server;
}

function createHandle(child: ChildProcess, pid: number, baseUrl: string, exited: Promise<number | null>): BenchServer {
  let stopping: Promise<number | null> | undefined;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid,
    baseUrl,
    running: alive,
    async readyz() {
      // 503 (not ready) still carries the counts.
      return JSON.parse((await httpRequest("GET", `${baseUrl}/readyz`, undefined, 10_000)).body) as ReadyCounts;
    },
    stop(timeoutMs) {
      stopping ??= (async () => {
        if (!alive()) return exited;
        child.kill("SIGTERM");
        const timer = sleep(timeoutMs, "timeout" as const);
        const outcome = await Promise.race([exited, timer]);
        if (outcome !== "timeout") return outcome;
        child.kill("SIGKILL");
        await exited;
        return null;
      })();
      return stopping;
    },
    kill() {
      if (!alive()) return;
      // Listed before the kill: once the server is gone its children belong to init.
      const below = descendants(pid);
      child.kill("SIGKILL");
      killAll(below);
    },
  };
}

async function waitReady(server: BenchServer, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (performance.now() < deadline) {
    if (gone) throw new Error("the server exited before it was ready; see the server log");
    try {
      if ((await server.readyz()).status === "ready") return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms`);
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
