import type { TickerView } from "./ticker.js";

/** QUIET_AFTER_MS is how long a live price may stay unchanged before its card says so. */
const QUIET_AFTER_MS = 2 * 60_000;

/**
 * quietMinutes is how many whole minutes a live ticker's price has not changed, by `nowMs`, or
 * undefined while that is less than {@link QUIET_AFTER_MS} or the ticker is not live. Crypto
 * trades around the clock: a price that stands still that long is worth a second look.
 * `observedAt` is when the source showed the price, and a price is only sent when it changes.
 */
export function quietMinutes(view: TickerView, nowMs: number): number | undefined {
  if (view.phase !== "live" || view.stale || view.observedAt === undefined) return undefined;
  const quietMs = nowMs - view.observedAt;
  return quietMs >= QUIET_AFTER_MS ? Math.floor(quietMs / 60_000) : undefined;
}
