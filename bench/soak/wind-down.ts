/**
 * The end of a soak: let the server settle once the clients are gone, stop it with SIGTERM, and
 * make sure its Chromium went with it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { scrapeMetrics } from "../lib/prometheus.js";
import { killAll } from "@crypto-stream/test-support/processes";
import { chromiumProcesses, stillChromium } from "../lib/proc-stats.js";
import type { BenchServer } from "../lib/server.js";
import { waitFor } from "../lib/wait.js";

/** SETTLE_TIMEOUT_MS bounds the wait for the server to release everything. */
const SETTLE_TIMEOUT_MS = 30_000;
/** LINGER_MS is waited after that, for sockets to close and renderer processes to exit. */
const LINGER_MS = 3_000;

/**
 * settle waits until the server holds no page, subscriber or watch (or the time is up, which the
 * final sample will show), then a little longer. Resolves with what went wrong, if anything.
 */
export async function settle(server: BenchServer): Promise<string | undefined> {
  const idle = async () => {
    const m = await scrapeMetrics(server.baseUrl);
    return m.get("cryptostream_open_pages") === 0 && m.get("cryptostream_subscribers") === 0 && m.get("cryptostream_watches") === 0;
  };
  let trouble: string | undefined;
  try {
    await waitFor("pages, subscribers and watches to return to 0", idle, { timeoutMs: SETTLE_TIMEOUT_MS, signal: new AbortController().signal, intervalMs: 250 });
  } catch (error) {
    trouble = error instanceof Error ? error.message : String(error);
  }
  await sleep(LINGER_MS);
  return trouble;
}

/** Stopped is how the server ended. */
export interface Stopped {
  readonly exitCode: number | null;
  /** chromiumLeftBehind counts Chromium processes still running after the server exited (now killed). */
  readonly chromiumLeftBehind: number;
}

/**
 * stopServer sends SIGTERM, waits for the exit, then kills any Chromium process that outlived it.
 * `seen` are Chromium processes seen earlier: if the server has already died, its own are no
 * longer below it.
 */
export async function stopServer(server: BenchServer, seen: readonly number[]): Promise<Stopped> {
  const chromium = [...new Set([...seen, ...chromiumProcesses(server.pid)])];
  const exitCode = await server.stop(20_000);
  await sleep(1_000); // Chromium's helpers may take a moment to follow the browser out.
  const leftBehind = stillChromium(chromium);
  killAll(leftBehind);
  return { exitCode, chromiumLeftBehind: leftBehind.length };
}
