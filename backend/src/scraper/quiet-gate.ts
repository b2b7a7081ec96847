/**
 * QuietGate tells background work (spare pages) when cold symbols are done opening. A cold open is
 * the CPU-heavy stretch of a page's life: creating or taking a tab, navigating, parsing, the page's
 * script and socket, the first price. A spare created meanwhile competes with it for the same two
 * cores, so the pool waits until every cold symbol has its first price (or gave up), or until
 * `maxWaitMs` has passed, so a page that never fills cannot keep the pool empty forever.
 * Internal to the scraper.
 */
export class QuietGate {
  #cold = 0;
  #waiters: Array<() => void> = [];

  /** enter counts one cold open and returns its idempotent leave (first price, final state or close). */
  enter(): () => void {
    this.#cold++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.#cold === 0) this.#waiters.splice(0).forEach((wake) => wake());
    };
  }

  /** cold counts the opens under way now. */
  get cold(): number {
    return this.#cold;
  }

  /** quiet resolves once no cold open is under way (at once if none is), or after `maxWaitMs`. */
  quiet(maxWaitMs: number): Promise<void> {
    if (this.#cold === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.#waiters.push(done);
    });
  }
}
