/**
 * One row of the soak's record: the server's memory and handles as its own /metrics reports them,
 * its open file descriptors and its Chromium's memory as /proc shows them from outside, and what
 * it holds (pages, subscribers, watches).
 */
import { scrapeMetrics } from "../lib/prometheus.js";
import { chromiumProcesses, openFdCount, treePss } from "../lib/proc-stats.js";
import type { BenchServer } from "../lib/server.js";
import { round } from "../lib/stats.js";

/** Phase says what the load was doing when a sample was taken. */
export type Phase = "idle" | "warm-up" | "load" | "final";

/** Sample is one reading. Figures /metrics does not carry are null. */
export interface Sample {
  /** atS is seconds since the load started (0 for the idle sample before it). */
  readonly atS: number;
  readonly phase: Phase;
  readonly rssMb: number | null;
  readonly heapUsedMb: number | null;
  /** handles and requests are libuv's active handles and requests (prom-client's default metrics). */
  readonly handles: number | null;
  readonly requests: number | null;
  readonly fds: number;
  readonly chromiumPssMb: number;
  readonly chromiumProcesses: number;
  readonly pages: number | null;
  readonly subscribers: number | null;
  readonly watches: number | null;
  readonly quotesSent: number | null;
  /** unexpected is the soak's count of unexpected errors so far. */
  readonly unexpected: number;
}

const MB = 1024 * 1024;

function mb(bytes: number | undefined): number | null {
  return bytes === undefined ? null : round(bytes / MB);
}

/** Sampler reads one server; it remembers the Chromium processes it last saw, to find orphans later. */
export class Sampler {
  #chromium: number[] = [];

  constructor(private readonly server: BenchServer) {}

  /** lastChromium lists the Chromium processes seen at the last sample. */
  get lastChromium(): readonly number[] {
    return this.#chromium;
  }

  /** sample takes one reading. @throws Error when /metrics does not answer. */
  async sample(phase: Phase, atS: number, unexpected: number): Promise<Sample> {
    const metrics = await scrapeMetrics(this.server.baseUrl);
    this.#chromium = chromiumProcesses(this.server.pid);
    const chromium = treePss(this.#chromium);
    return {
      atS: Math.round(atS),
      phase,
      rssMb: mb(metrics.get("process_resident_memory_bytes")),
      heapUsedMb: mb(metrics.get("nodejs_heap_size_used_bytes")),
      handles: metrics.get("nodejs_active_handles_total") ?? null,
      requests: metrics.get("nodejs_active_requests_total") ?? null,
      fds: openFdCount(this.server.pid),
      chromiumPssMb: Math.round(chromium.pssKb / 102.4) / 10,
      chromiumProcesses: chromium.processes,
      pages: metrics.get("cryptostream_open_pages") ?? null,
      subscribers: metrics.get("cryptostream_subscribers") ?? null,
      watches: metrics.get("cryptostream_watches") ?? null,
      quotesSent: metrics.get("cryptostream_quotes_sent_total") ?? null,
      unexpected,
    };
  }
}

function megabytes(value: number | null): string | null {
  return value === null ? null : value.toFixed(1);
}

/** COLUMNS of the printed table: heading, width, and how a sample fills it. */
const COLUMNS: readonly (readonly [string, number, (s: Sample) => string | number | null])[] = [
  ["t s", 5, (s) => s.atS],
  ["phase", 7, (s) => s.phase],
  ["RSS MB", 7, (s) => megabytes(s.rssMb)],
  ["heap MB", 8, (s) => megabytes(s.heapUsedMb)],
  ["handles", 8, (s) => s.handles],
  ["reqs", 5, (s) => s.requests],
  ["fds", 5, (s) => s.fds],
  ["Chromium MB", 12, (s) => megabytes(s.chromiumPssMb)],
  ["procs", 6, (s) => s.chromiumProcesses],
  ["pages", 6, (s) => s.pages],
  ["subs", 5, (s) => s.subscribers],
  ["watches", 8, (s) => s.watches],
  ["quotes sent", 12, (s) => s.quotesSent],
  ["errors", 7, (s) => s.unexpected],
];

/** formatHeader is the table's heading line and rule. */
export function formatHeader(): string {
  const heading = COLUMNS.map(([name, width], i) => (i === 1 ? name.padEnd(width) : name.padStart(width))).join(" ");
  return `${heading}\n${"-".repeat(heading.length)}`;
}

/** formatRow is one sample as a table line ("—" for a figure /metrics did not carry). */
export function formatRow(sample: Sample): string {
  return COLUMNS.map(([, width, read], i) => {
    const value = read(sample);
    const text = value === null ? "—" : String(value);
    return i === 1 ? text.padEnd(width) : text.padStart(width);
  }).join(" ");
}
