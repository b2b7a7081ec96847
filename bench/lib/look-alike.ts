/**
 * The TradingView look-alike the benchmark's server reads (bench/sim/main.ts), in a process of its
 * own. In demo mode it would share the server's event loop: a server busy fanning out would then
 * make the look-alike's clock late and its control requests wait, and count that as our latency.
 */
import { startChildServer } from "./child-server.js";

/** LookAlike is a running look-alike; whoever starts it must stop() it, also on failure. */
export interface LookAlike {
  readonly pid: number;
  /** pagesUrl is the base of its symbol pages, for TRADINGVIEW_BASE_URL (e.g. `http://127.0.0.1:4000/sim`). */
  readonly pagesUrl: string;
  /** origin is where `/sim/_control/{TICKER}` is served, for createSimControl. */
  readonly origin: string;
  /** stop sends SIGTERM and resolves with the exit code (SIGKILL and null after 5 s). Idempotent. */
  stop(): Promise<number | null>;
}

/** startLookAlike spawns the look-alike and resolves once it serves. */
export async function startLookAlike(signal: AbortSignal): Promise<LookAlike> {
  const child = await startChildServer("bench/sim/main.ts", {}, signal);
  return { pid: child.pid, pagesUrl: child.listening, origin: new URL(child.listening).origin, stop: child.stop };
}
