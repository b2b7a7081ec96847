/**
 * backoffDelay is how long to wait before retry number `attempt` (1 for the first retry): `baseMs`
 * doubled per attempt, capped at `capMs`, then spread by ±25% so pages that failed together (a
 * browser restart, an upstream outage) do not all come back in the same instant. Pure; `random` is
 * injectable for tests and must return a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs = 30_000,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const nominal = Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(nominal * (0.75 + 0.5 * random()));
}
