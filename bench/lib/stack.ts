/**
 * What the benchmark measures against: the real server, reading the look-alike in a process of its
 * own through `TRADINGVIEW_BASE_URL` (not demo mode), as the issue measured it.
 */
import { startLookAlike, type LookAlike } from "./look-alike.js";
import { startServer, type BenchServer, type ServerOptions } from "./server.js";

/** BenchStack is the server and its look-alike; whoever starts it must stop() it. */
export interface BenchStack {
  readonly server: BenchServer;
  readonly lookAlike: LookAlike;
  /** stop stops the server (SIGTERM, SIGKILL after `timeoutMs`), then the look-alike; resolves with the server's exit code. */
  stop(timeoutMs: number): Promise<number | null>;
  /** kill kills both at once, for an emergency exit. */
  kill(): void;
}

/** startStack starts the look-alike, then the server reading it; if the server fails, the look-alike is stopped. */
export async function startStack(options: ServerOptions): Promise<BenchStack> {
  const lookAlike = await startLookAlike(AbortSignal.timeout(30_000));
  let server: BenchServer;
  try {
    server = await startServer({ ...options, env: { ...options.env, DEMO: "false", TRADINGVIEW_BASE_URL: lookAlike.pagesUrl } });
  } catch (error) {
    await lookAlike.stop();
    throw error;
  }
  return {
    server,
    lookAlike,
    async stop(timeoutMs) {
      const code = await server.stop(timeoutMs);
      await lookAlike.stop();
      return code;
    },
    kill() {
      server.kill();
      void lookAlike.stop();
    },
  };
}
