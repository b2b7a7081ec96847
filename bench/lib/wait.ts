/**
 * Bounded waiting: every wait in the benchmark has a deadline and stops when the run is aborted,
 * so a stuck server makes a scenario fail, never hang.
 */
import { setTimeout as sleep } from "node:timers/promises";

/** TimeoutError says which wait ran out of time. */
class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/**
 * waitFor polls `check` every `intervalMs` until it returns true.
 * @throws TimeoutError after `timeoutMs`; the abort reason when `signal` aborts.
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; signal: AbortSignal; intervalMs?: number },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    options.signal.throwIfAborted();
    if (await check()) return;
    if (performance.now() >= deadline) throw new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${what}`);
    await sleep(options.intervalMs ?? 100, undefined, { signal: options.signal });
  }
}

/** within resolves like `promise` unless `timeoutMs` pass or `signal` aborts first. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  const limit = AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]);
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () =>
      reject(signal.aborted ? signal.reason : new TimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`));
    limit.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, stop]);
  } finally {
    if (onAbort) limit.removeEventListener("abort", onAbort);
  }
}

/** pause sleeps `ms`, ending early (by throwing) when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal });
}
