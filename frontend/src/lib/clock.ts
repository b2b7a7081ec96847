import { createListeners } from "./listeners.js";

/** Clock is the time, read again every interval while someone listens. */
export interface Clock {
  subscribe(listener: () => void): () => void;
  /** now is the time of the latest tick, in ms since the epoch. */
  now(): number;
}

/**
 * createClock makes a clock that ticks every `intervalMs` while it has listeners: one timer for
 * the whole page, however many cards read it, and none while nobody does.
 */
export function createClock(intervalMs: number, read: () => number = Date.now): Clock {
  let now = read();
  let timer: ReturnType<typeof setInterval> | undefined;
  const listeners = createListeners(
    () => {
      now = read();
      timer = setInterval(() => {
        now = read();
        listeners.notify();
      }, intervalMs);
    },
    () => clearInterval(timer),
  );
  return { subscribe: listeners.subscribe, now: () => now };
}
