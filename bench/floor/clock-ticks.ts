/**
 * The floors' clock: a callback at each boundary of the look-alike's clock (CLOCK_TICK_MS), as the
 * look-alike changes its price. Shared by the HTTP/1.1 and HTTP/2 floors.
 */
import { CLOCK_TICK_MS, clockTick } from "@crypto-stream/backend/sim";

/**
 * startClockTicks calls `onTick` with each clock tick from the next boundary on. A late timer (a
 * busy machine) catches up tick by tick: a floor, like the server, must hand a client that keeps
 * up every change. Returns the function that stops it.
 */
export function startClockTicks(onTick: (tick: number) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let shown = clockTick(Date.now());
  const schedule = () => {
    timer = setTimeout(() => {
      // As the look-alike's clock: rounding by half a tick names the boundary just passed.
      const tick = clockTick(Date.now() + CLOCK_TICK_MS / 2);
      for (let next = shown + 1; next <= tick; next++) onTick(next);
      shown = Math.max(shown, tick);
      schedule();
    }, CLOCK_TICK_MS - (Date.now() % CLOCK_TICK_MS));
  };
  schedule();
  return () => clearTimeout(timer);
}
