/**
 * Starting a helper server of the benchmark (the floor, the look-alike) as a child process of its
 * own, so that its event loop and CPU are apart from the server under test. The child prints
 * `listening <what>` on stdout once it serves and exits 0 on SIGTERM.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./server.js";
import { within } from "./wait.js";

/** ChildServer is a running helper; whoever starts it must stop() it, also on failure. */
export interface ChildServer {
  readonly pid: number;
  /** listening is what the child printed after `listening ` (a port, a URL). */
  readonly listening: string;
  /** stop sends SIGTERM and resolves with the exit code (SIGKILL and null after 5 s). Idempotent. */
  stop(): Promise<number | null>;
}

/**
 * startChildServer runs `node --import tsx <script>` from the repository root with `env` added,
 * and resolves once it prints its `listening` line (within 20 s). Until stop(), an exit of the
 * bench process kills it.
 */
export async function startChildServer(script: string, env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const kill = () => child.kill("SIGKILL");
  process.on("exit", kill);
  const exited = once(child, "exit").then(([code]) => code as number | null);
  if (child.pid === undefined) throw new Error(`${script} did not start`);
  const pid = child.pid;
  let stopping: Promise<number | null> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(kill, 5_000);
      const code = await exited;
      clearTimeout(timer);
      process.off("exit", kill);
      return code;
    })());
  try {
    const lines = createInterface({ input: child.stdout });
    const listening = await within(
      `${script} to listen`,
      (async () => {
        for await (const line of lines) {
          const match = /^listening (\S+)$/.exec(line);
          if (match?.[1] !== undefined) return match[1];
        }
        throw new Error(`${script} exited before it listened`);
      })(),
      20_000,
      signal,
    );
    return { pid, listening, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
