/**
 * The machine a run came from: figures mean little without it, and the load average says whether
 * something else was competing for the CPU while they were taken.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem } from "node:os";

/** Machine describes the host of a run. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly node: string;
  readonly chromium: string;
  /** loadAverage is the 1, 5 and 15 minute load when the run started. */
  readonly loadAverage: readonly number[];
}

/** describeMachine reads the host; `chromiumPath` is asked for its version. */
export function describeMachine(chromiumPath: string | undefined): Machine {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

function chromiumVersion(path: string | undefined): string {
  if (path === undefined) return "Playwright's bundled Chromium";
  try {
    // Debian's wrapper script prints a harmless shell warning on stderr; only stdout matters.
    return execFileSync(path, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    return "unknown";
  }
}
