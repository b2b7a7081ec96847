/**
 * The one polling helper for code that runs outside vitest (the benchmark, and the child-process
 * helpers it shares with tests). Tests themselves use `vi.waitFor` / `expect.poll`.
 */
import { setTimeout as sleep } from "node:timers/promises";

/** TimeoutError says which wait ran out of time. */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/** WaitOptions bound a {@link waitFor}. */
export interface WaitOptions {
  readonly timeoutMs: number;
  /** signal ends the wait early with its abort reason. */
  readonly signal?: AbortSignal;
  /** intervalMs is the pause between checks; 100 unless given. */
  readonly intervalMs?: number;
}

/**
 * waitFor calls `check` until it returns true. An error `check` throws ends the wait with it.
 * @throws TimeoutError naming `what` after `timeoutMs`; the abort reason when `signal` aborts.
 */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await check()) return;
    if (performance.now() >= deadline) throw new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${what}`);
    await sleep(options.intervalMs ?? 100, undefined, options.signal ? { signal: options.signal } : undefined);
  }
}
