/** Child processes started from the repository root, as a person at a terminal starts them. */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** repoRoot is the repository root (ends with a slash). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Spawned is a child process started from the repository root. */
export interface Spawned {
  readonly child: ChildProcess;
  /** output is stdout and stderr so far, interleaved as they came ("" when they go to a log file). */
  output(): string;
  /** exited resolves with the exit code (null after a signal). */
  readonly exited: Promise<number | null>;
}

/** SpawnOptions configure {@link spawnInRepo}. */
export interface SpawnOptions {
  /** detached gives the child its own process group, as a terminal gives a command. */
  readonly detached?: boolean;
  /** logFile receives stdout and stderr (appended) instead of memory: for long runs. */
  readonly logFile?: string;
}

/**
 * spawnInRepo starts `command` in the repository root with this process's environment plus `env`
 * (an undefined value removes a variable). The caller owns the child and must end it.
 */
export function spawnInRepo(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  options: SpawnOptions = {},
): Spawned {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  const log = options.logFile === undefined ? undefined : openSync(options.logFile, "a");
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: merged,
    stdio: log === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", log, log],
    detached: options.detached ?? false,
  });
  if (log !== undefined) closeSync(log); // the child holds its own descriptor
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}
