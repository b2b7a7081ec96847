/**
 * OpenLimiter caps how many page opens run at once. Opening a page (create it, navigate, parse the
 * HTML) is the CPU-heavy moment of a page's life; twenty at once on two cores time each other out.
 * Internal to the scraper.
 */
export class OpenLimiter {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be ≥ 1, got ${max}`);
  }

  /**
   * acquire resolves with a release function once a slot is free, first come first served. The
   * caller owns the slot and must call release exactly once; further calls do nothing.
   */
  async acquire(): Promise<() => void> {
    if (this.#running < this.max) {
      this.#running++;
    } else {
      // The slot is handed over by release(), so #running stays counted for us.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    };
  }

  /** running is the number of slots held now. */
  running(): number {
    return this.#running;
  }
}
