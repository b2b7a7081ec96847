/**
 * Starting and stopping the floor server (bench/floor/) as a child process beside the real server.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./server.js";
import { within } from "./wait.js";

/** BenchFloor is a running floor; whoever starts it must stop() it, also on failure. */
export interface BenchFloor {
  readonly pid: number;
  readonly baseUrl: string;
  /** stop sends SIGTERM and resolves with the exit code (SIGKILL and null after 5 s). */
  stop(): Promise<number | null>;
}

/** startFloor spawns the floor and resolves once it listens; `ticking: false` sends no ticks. */
export async function startFloor(options: { ticking: boolean; signal: AbortSignal }): Promise<BenchFloor> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, FLOOR_TICKING: String(options.ticking) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const kill = () => child.kill("SIGKILL");
  process.on("exit", kill);
  const exited = once(child, "exit").then(([code]) => code as number | null);
  if (child.pid === undefined) throw new Error("the floor process did not start");
  const pid = child.pid;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(kill, 5_000);
    const code = await exited;
    clearTimeout(timer);
    process.off("exit", kill);
    return code;
  };
  try {
    const lines = createInterface({ input: child.stdout });
    const port = await within(
      "the floor to listen",
      (async () => {
        for await (const line of lines) {
          const match = /^listening (\d+)$/.exec(line);
          if (match) return Number(match[1]);
        }
        throw new Error("the floor exited before it listened");
      })(),
      20_000,
      options.signal,
    );
    return { pid, baseUrl: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
