/**
 * Folds repeats of the same occurrence into one event per window, so that a client hammering the
 * server (no token, over its stream cap) cannot flood the log and push everything else out of it.
 */

/** Coalescer counts occurrences per key; `close` drops its timers. */
export interface Coalescer {
  /** hit reports one occurrence: the first of a window is emitted at once, repeats at its end. */
  hit(key: string): void;
  /** close clears the timers, dropping counts not emitted yet. Idempotent. */
  close(): void;
}

/**
 * createCoalescer calls `emit(key, count)` for the first occurrence of `key` at once, then once
 * per `windowMs` with how many more came, for as long as more keep coming.
 */
export function createCoalescer(windowMs: number, emit: (key: string, count: number) => void): Coalescer {
  const windows = new Map<string, { pending: number; timer: NodeJS.Timeout }>();
  const open = (key: string) => {
    const window = { pending: 0, timer: setTimeout(() => flush(key), windowMs).unref() };
    windows.set(key, window);
  };
  const flush = (key: string) => {
    const window = windows.get(key);
    windows.delete(key);
    if (!window || window.pending === 0) return;
    emit(key, window.pending);
    open(key);
  };
  return {
    hit(key) {
      const window = windows.get(key);
      if (window) {
        window.pending++;
        return;
      }
      emit(key, 1);
      open(key);
    },
    close() {
      for (const window of windows.values()) clearTimeout(window.timer);
      windows.clear();
    },
  };
}
