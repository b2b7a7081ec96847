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
  const child = spawn(process.execPath, ["--import", "tsx", "backend/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DEMO: "true",
      HEADLESS: process.env.DISPLAY ? "false" : "true",
      LOG_LEVEL: "info",
      SIM_TICK_MS: "250",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
      return res?.status === 200;
    }, 60_000, "the server to be ready");
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
    logs: () => output,
    async stop() {
      const family = descendants(child.pid!);
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await waitUntil(() => family.every((pid) => !alive(pid)), 10_000, "the server's processes to end");
      return code;
    },
  };
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
