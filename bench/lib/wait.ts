/**
 * Bounded waiting: every wait in the benchmark has a deadline and stops when the run is aborted,
 * so a stuck server makes a scenario fail, never hang.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { TimeoutError } from "@crypto-stream/test-support/wait-for";

export { waitFor } from "@crypto-stream/test-support/wait-for";

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
