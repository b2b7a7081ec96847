/**
 * The real backend as a child process, the way run.sh runs it: the built server (`npm run build`)
 * in demo mode (the built-in TradingView look-alike) on a free loopback port. Shared by the
 * backend's process tests, e2e and the benchmark.
 */
import type { ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { HEADED } from "./headed.js";
import { chromiumFor } from "./test-browser.js";
import { alive, descendants, killAll } from "./processes.js";
import { repoRoot, spawnInRepo, type Spawned } from "./spawn-in-repo.js";
import { waitFor } from "./wait-for.js";

/** ServerProcess is a running server. Whoever starts it must `stop()` it; `kill()` is for emergencies. */
export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  /** exited resolves with the exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** logs is everything the server printed so far (JSON lines); "" when they go to a log file. */
  logs(): string;
  /** running is false once the process has exited, for whatever reason. */
  running(): boolean;
  /**
   * stop sends SIGTERM and resolves with the exit code; past `timeoutMs` (30 s unless given) it
   * kills the server and its children and resolves with null. Before it resolves it waits, up to
   * 10 s, for every process the server had started to end: see {@link leftovers}. Idempotent.
   */
  stop(timeoutMs?: number): Promise<number | null>;
  /** leftovers are the processes the server had started when stopped that still run: [] when it cleaned up. */
  leftovers(): number[];
  /** kill sends SIGKILL at once to the server and every process below it. No-op once it has exited. */
  kill(): void;
}

/** ServerProcessOptions configure {@link startServerProcess}. */
export interface ServerProcessOptions {
  /** port to listen on; a free one unless given. */
  readonly port?: number;
  /**
   * env overrides the defaults (demo mode, loopback, headless unless HEADED, in the headless
   * Chromium when headless (test-browser.ts), LOG_LEVEL=info,
   * SIM_TICK_MS=250, SPARE_PAGES=4, no REDIS_URL); an undefined value removes a variable.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** nodeArgs are Node flags for the server only (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** logFile takes the server's output instead of memory. */
  readonly logFile?: string;
  /** detached starts the server in its own process group, out of reach of the terminal's Ctrl-C. */
  readonly detached?: boolean;
  /** readyTimeoutMs bounds the wait for readiness; 60 s unless given. */
  readonly readyTimeoutMs?: number;
  /** spawned is told of the server as soon as it runs, before it is ready (for emergency exits). */
  readonly spawned?: (server: ServerProcess) => void;
}

/** SERVER_BUNDLE is the server as `npm run build` bundles it and run.sh starts it. */
const SERVER_BUNDLE = "backend/dist/main.js";
/** SERVER_SOURCES are the folders the bundle is built from. */
const SERVER_SOURCES = ["backend/src", "gen/src", "packages/symbols/src"];

/**
 * builtServer is the bundle's path, from the repository root.
 * @throws Error, saying to run `npm run build`, when the bundle is missing or older than one of its
 * sources: a test of an old build would pass or fail for the wrong code.
 */
function builtServer(): string {
  let built: number;
  try {
    built = statSync(join(repoRoot, SERVER_BUNDLE)).mtimeMs;
  } catch {
    throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first (\`npm test\` does)`);
  }
  for (const folder of SERVER_SOURCES) {
    for (const file of readdirSync(join(repoRoot, folder), { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      if (statSync(join(repoRoot, folder, file)).mtimeMs > built) {
        throw new Error(`${SERVER_BUNDLE} is older than ${folder}/${file}: run \`npm run build\` again`);
      }
    }
  }
  return SERVER_BUNDLE;
}

/**
 * startServerProcess starts the backend and resolves once `/readyz` answers 200. A server that
 * never becomes ready is stopped before this rejects.
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const defaultHeadless = HEADED ? "false" : "true";
  const headless = (options.env?.HEADLESS ?? defaultHeadless) === "true";
  const spawned = spawnInRepo(
    process.execPath,
    [...(options.nodeArgs ?? []), "--enable-source-maps", builtServer()],
    {
      REDIS_URL: undefined,
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO: "true",
      HEADLESS: defaultHeadless,
      CHROMIUM_PATH: chromiumFor(headless),
      LOG_LEVEL: "info",
      SIM_TICK_MS: "250",
      // Four blank tabs kept ready, as the in-process test server keeps: ten (the default) only adds
      // Chromium load to tests that open a few tickers at a time.
      SPARE_PAGES: "4",
      // Tests and the benchmark open many symbols from one address: the per-client quotas stay out of their way.
      MAX_SYMBOLS_PER_CLIENT: "1000",
      PAGE_OPENS_PER_MINUTE_PER_CLIENT: "100000",
      PAGE_OPENS_PER_MINUTE: "100000",
      ...options.env,
    },
    { detached: options.detached, logFile: options.logFile },
  );
  const url = `http://127.0.0.1:${port}`;
  const server = createHandle(spawned, url, port);
  options.spawned?.(server);
  try {
    await waitUntilReady(spawned, url, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await server.stop(5_000).catch(() => undefined);
    throw error;
  }
  return server;
}

/** waitUntilReady polls `url`/readyz until it answers 200; it fails at once if the process exits. */
export async function waitUntilReady(spawned: Spawned, url: string, timeoutMs: number): Promise<void> {
  await waitFor(
    `${url} to be ready`,
    async () => {
      const { exitCode } = spawned.child;
      if (exitCode !== null) throw new Error(`the process exited with ${exitCode}:\n${spawned.output() || "(see its log file)"}`);
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
      await res?.body?.cancel();
      return res?.status === 200;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

function createHandle(spawned: Spawned, url: string, port: number): ServerProcess {
  const { child, exited } = spawned;
  if (child.pid === undefined) throw new Error("the server process did not start");
  const pid = child.pid;
  const running = () => child.exitCode === null && child.signalCode === null;
  let stopping: Promise<number | null> | undefined;
  let family: number[] = [];
  const stop = async (timeoutMs: number): Promise<number | null> => {
    family = descendants(pid);
    if (running()) child.kill("SIGTERM");
    const timer = new Promise<"timeout">((resolve) => setTimeout(resolve, timeoutMs, "timeout").unref());
    let code = await Promise.race([exited, timer]);
    if (code === "timeout") {
      child.kill("SIGKILL");
      killAll(family);
      await exited;
      code = null;
    }
    const ended = () => family.every((each) => !alive(each));
    await waitFor("the server's processes to end", ended, { timeoutMs: 10_000 }).catch(() => undefined);
    return code;
  };
  return {
    url,
    port,
    pid,
    child,
    exited,
    logs: spawned.output,
    running,
    stop: (timeoutMs = 30_000) => (stopping ??= stop(timeoutMs)),
    leftovers: () => family.filter(alive),
    kill() {
      if (!running()) return;
      // Listed before the kill: once the server is gone its children belong to init.
      const below = descendants(pid);
      child.kill("SIGKILL");
      killAll(below);
    },
  };
}
