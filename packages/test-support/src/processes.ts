/**
 * Process inspection from Linux's /proc, for tests that prove nothing is left behind and for the
 * benchmark that measures the server from outside. A process can end between two reads: readers
 * then answer as for a process that is gone, never throw.
 */
import { readdirSync, readFileSync } from "node:fs";

/** descendants lists the PIDs of every process below `pid` (not `pid` itself), children first. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const parent = Number(statFields(Number(name))?.[1]);
    if (!Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** alive is true while `pid` exists and is not a zombie. */
export function alive(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== "Z";
}

/** commandLine is the argv of `pid` ([] once it has exited). */
export function commandLine(pid: number): string[] {
  const raw = readOrUndefined(`/proc/${pid}/cmdline`);
  return raw === undefined || raw === "" ? [] : raw.replace(/\0$/, "").split("\0");
}

/** cmdline is the command line of `pid` as one string, arguments joined by spaces ("" once it has exited). */
export function cmdline(pid: number): string {
  return commandLine(pid).join(" ").trim();
}

/** processTree lists `pid` and every process below it whose command line passes `only`. */
export function processTree(pid: number, only: (cmdline: string) => boolean = () => true): number[] {
  return [pid, ...descendants(pid)].filter((each) => {
    const line = readOrUndefined(`/proc/${each}/cmdline`);
    return line !== undefined && only(line);
  });
}

/** killAll sends SIGKILL to each of `pids`, ignoring those already gone. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/**
 * statFields splits /proc/<pid>/stat after the command name, which may itself hold spaces and ")":
 * index 0 is the state, 1 the parent PID, 11 and 12 utime and stime. Undefined once it has exited.
 */
export function statFields(pid: number): string[] | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** readOrUndefined reads a /proc file, or gives undefined when the process has gone. */
export function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
