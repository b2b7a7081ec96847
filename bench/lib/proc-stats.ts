/**
 * Process figures read straight from Linux's /proc, so the benchmark measures the server and its
 * Chromium from outside without any hook in the product. Processes can exit between two reads;
 * a vanished process counts as zero rather than failing the run.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { cmdline, descendants, readOrUndefined, statFields } from "@crypto-stream/test-support/processes";

/** CLOCK_TICKS is the kernel's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100; // USER_HZ is 100 on every mainstream Linux build.
  }
}

/** rssKb is VmRSS of `pid` in kB (0 once it has exited). */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readOrUndefined(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) : 0;
}

/** pssKb is the proportional set size of `pid` in kB: shared pages split among their users. */
function pssKb(pid: number): number {
  const match = /^Pss:\s+(\d+) kB/m.exec(readOrUndefined(`/proc/${pid}/smaps_rollup`) ?? "");
  return match ? Number(match[1]) : 0;
}

/** cpuTicks is utime + stime of `pid` in clock ticks (0 once it has exited). */
function cpuTicks(pid: number): number {
  const fields = statFields(pid);
  // After the name: state is field 3 (index 0), utime 14 (index 11), stime 15 (index 12).
  return fields ? Number(fields[11]) + Number(fields[12]) : 0;
}

/** chromiumProcesses lists the processes below `root` whose command line names Chromium. */
export function chromiumProcesses(root: number): number[] {
  return stillChromium(descendants(root));
}

/** openFdCount is the number of open file descriptors of `pid` (0 once it has exited). */
export function openFdCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/**
 * stillChromium keeps the pids among `pids` that still run Chromium: after their parent has gone,
 * these are orphans. Checking the command line again guards against a reused pid.
 */
export function stillChromium(pids: readonly number[]): number[] {
  return pids.filter((pid) => /chrom(e|ium)/i.test(cmdline(pid)));
}

/** rendererCount counts renderer processes among `pids`: roughly one per open site instance. */
export function rendererCount(pids: readonly number[]): number {
  return pids.filter((pid) => cmdline(pid).includes("--type=renderer")).length;
}

/** TreeMemory is the PSS of a set of processes, in kB. */
export interface TreeMemory {
  readonly processes: number;
  readonly pssKb: number;
}

/** treePss sums PSS over `pids`; PSS (not RSS) so shared libraries are not counted once per process. */
export function treePss(pids: readonly number[]): TreeMemory {
  return { processes: pids.length, pssKb: pids.reduce((sum, pid) => sum + pssKb(pid), 0) };
}

/**
 * CpuMeter measures the CPU a set of processes uses over a window, as a percentage of one core.
 * `pids` is re-read at both ends: a process born inside the window is counted whole, one that died
 * inside it is lost. Windows are taken in steady state, where neither happens.
 */
export class CpuMeter {
  #startTicks: number;
  #startMs: number;

  constructor(private readonly pids: () => readonly number[]) {
    this.#startTicks = this.#ticks();
    this.#startMs = performance.now();
  }

  #ticks(): number {
    return this.pids().reduce((sum, pid) => sum + cpuTicks(pid), 0);
  }

  /** percentOfCore is the CPU used since construction (or the last restart) / wall time, × 100. */
  percentOfCore(): number {
    const seconds = (performance.now() - this.#startMs) / 1000;
    const cpuSeconds = (this.#ticks() - this.#startTicks) / CLOCK_TICKS;
    return seconds > 0 ? (cpuSeconds / seconds) * 100 : 0;
  }

  /** restart begins a new window now. */
  restart(): void {
    this.#startTicks = this.#ticks();
    this.#startMs = performance.now();
  }
}
