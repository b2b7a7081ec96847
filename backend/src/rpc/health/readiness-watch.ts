/**
 * ReadinessWatch turns a readiness that can only be read (the browser's `ready()`, the cluster's
 * view) into changes a stream can wait for. One timer serves every waiter and runs only while
 * someone waits: the first waiter starts it, the last one gone stops it. A shutdown is a change at
 * once, not at the next tick.
 */

/** READINESS_POLL_MS is how often readiness is read while a Watch waits: a probe's usual period is 5-10 s. */
export const READINESS_POLL_MS = 1_000;

/** ReadinessWatch: see the file's comment. Holds one listener on `shutdown`; nothing to close. */
export class ReadinessWatch {
  readonly #read: () => boolean;
  readonly #intervalMs: number;
  readonly #waiters = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;

  /** `read` must be synchronous and cheap; it is polled every `intervalMs` while anyone waits. */
  constructor(read: () => boolean, intervalMs: number, shutdown: AbortSignal) {
    this.#read = read;
    this.#intervalMs = intervalMs;
    shutdown.addEventListener("abort", () => this.#poll(), { once: true });
  }

  /** ready reads readiness now. */
  ready(): boolean {
    return this.#read();
  }

  /** waiting counts the waiters, for tests that check a stream let go. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /**
   * changed resolves once readiness differs from `from`, or as soon as `signal` aborts, and then
   * holds nothing more for this caller. Never rejects.
   */
  changed(from: boolean, signal: AbortSignal): Promise<void> {
    if (signal.aborted || this.#read() !== from) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.#waiters.delete(check);
        signal.removeEventListener("abort", done);
        if (this.#waiters.size === 0) this.#stop();
        resolve();
      };
      const check = () => {
        if (this.#read() !== from) done();
      };
      signal.addEventListener("abort", done, { once: true });
      this.#waiters.add(check);
      this.#timer ??= setInterval(() => this.#poll(), this.#intervalMs).unref();
    });
  }

  #poll(): void {
    for (const check of [...this.#waiters]) check();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
