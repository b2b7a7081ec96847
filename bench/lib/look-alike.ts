/**
 * The TradingView look-alike the benchmark's server reads (bench/sim/main.ts), in a process of its
 * own. In demo mode it would share the server's event loop: a server busy fanning out would then
 * make the look-alike's clock late and its control requests wait, and count that as our latency.
 */
import { setPriority } from "node:os";
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

/**
 * startLookAlike spawns the look-alike and resolves once it serves. It stands for a site on other
 * machines, so where the bench may (root, or CAP_SYS_NICE) it runs at a higher priority than the
 * server and the clients: on a shared, busy machine its clock then still ticks on time.
 */
export async function startLookAlike(signal: AbortSignal): Promise<LookAlike> {
  const child = await startChildServer("bench/sim/main.ts", {}, signal);
  try {
    setPriority(child.pid, -10);
  } catch {
    // Not allowed here: the look-alike runs at the normal priority, and a busy machine may delay its ticks.
  }
  return { pid: child.pid, pagesUrl: child.listening, origin: new URL(child.listening).origin, stop: child.stop };
}
