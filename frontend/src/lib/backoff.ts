/** BackoffPolicy says how long to wait before reconnect attempt n. */
export interface BackoffPolicy {
  /** initialMs is the wait before the first retry. */
  readonly initialMs: number;
  /** maxMs caps the wait. */
  readonly maxMs: number;
  /** jitter spreads each wait by ± this fraction, so many tabs do not retry in step. */
  readonly jitter: number;
}

/** defaultBackoff waits about 1 s, doubling up to 30 s, ± 20 %. */
export const defaultBackoff: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, jitter: 0.2 };

/**
 * backoffDelay is the wait before retry `failures` (0 for the first retry), in ms.
 * @param random a number in [0, 1): Math.random in the app, fixed in tests.
 */
export function backoffDelay(policy: BackoffPolicy, failures: number, random: number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(failures, 30));
  const spread = 1 + policy.jitter * (2 * random - 1);
  return Math.round(Math.min(policy.maxMs, base * spread));
}
