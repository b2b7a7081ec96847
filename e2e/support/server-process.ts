/**
 * Runs the real backend as a child process, the way run.sh does, for end-to-end tests: demo mode
 * (the built-in TradingView look-alike), a free loopback port, the built web grid.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { alive, descendants, freePort } from "../../backend/src/testing/processes.js";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** logs is everything the server printed so far (JSON lines). */
  logs(): string;
  /** stop sends SIGTERM, waits for the exit and returns its code; no process it started is left. */
  stop(): Promise<number | null>;
}

/** startServer starts the backend and resolves once /readyz answers 200. */
export async function startServer(options: { port?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const spawned = spawnInRepo(process.execPath, ["--import", "tsx", "backend/src/main.ts"], {
    PORT: String(port),
    DEMO: "true",
    HEADLESS: process.env.DISPLAY ? "false" : "true",
    LOG_LEVEL: "info",
    SIM_TICK_MS: "250",
    ...options.env,
  });
  const { child, output, exited } = spawned;
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(spawned, url, 60_000);
  } catch (error) {
    // Nobody gets a handle to a server that never became ready: stop it here, or it outlives the test.
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    throw error;
  }
  return {
    url,
    port,
    child,
    logs: output,
    async stop() {
      const family = descendants(child.pid!);
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await waitUntil(() => family.every((pid) => !alive(pid)), 10_000, "the server's processes to end");
      return code;
    },
  };
}

/** Spawned is a child process started from the repository root, with everything it printed. */
export interface Spawned {
  readonly child: ChildProcess;
  /** output is stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** exited resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/**
 * spawnInRepo starts `command` in the repository root with this process's environment plus `env`
 * (an undefined value removes a variable). `detached` gives it its own process group, as a
 * terminal gives a command.
 */
export function spawnInRepo(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  options: { detached?: boolean } = {},
): Spawned {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** waitUntilReady polls `url`/readyz until it answers 200; it fails at once if the process exits. */
export async function waitUntilReady(spawned: Spawned, url: string, ms: number): Promise<void> {
  await waitUntil(async () => {
    const { exitCode } = spawned.child;
    if (exitCode !== null) throw new Error(`the process exited with ${exitCode}:\n${spawned.output()}`);
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    return res?.status === 200;
  }, ms, `${url} to be ready`);
}

/** waitUntil polls `check` until it is true; past `ms` it throws naming `what`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
