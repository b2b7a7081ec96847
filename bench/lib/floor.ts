/**
 * Starting and stopping a floor server (bench/floor/) as a child process beside the real server.
 */
import { startChildServer } from "./child-server.js";

/** BenchFloor is a running floor; whoever starts it must stop() it, also on failure. */
export interface BenchFloor {
  readonly pid: number;
  readonly baseUrl: string;
  /** stop sends SIGTERM and resolves with the exit code (SIGKILL and null after 5 s). */
  stop(): Promise<number | null>;
}

/**
 * startFloor spawns a floor and resolves once it listens; `ticking: false` sends no ticks;
 * `http2: true` starts the node:http2 gRPC floor (h2c) instead of the node:http Connect one.
 */
export async function startFloor(options: { ticking: boolean; signal: AbortSignal; http2?: boolean }): Promise<BenchFloor> {
  const env = { FLOOR_TICKING: String(options.ticking), FLOOR_HTTP2: String(options.http2 ?? false) };
  const child = await startChildServer("bench/floor/main.ts", env, options.signal);
  return { pid: child.pid, baseUrl: `http://127.0.0.1:${child.listening}`, stop: child.stop };
}
