/**
 * NamedTimers holds at most one pending timeout per name, so a feed can re-arm, cancel and count
 * its timers without a field per timer. The owner must call clear() (no names: all) when done.
 * Internal to the scraper.
 */
export class NamedTimers<Name extends string> {
  readonly #timers = new Map<Name, NodeJS.Timeout>();

  /** set replaces any timer of that name; `fire` runs after the timer has removed itself. */
  set(name: Name, delayMs: number, fire: () => void): void {
    this.clear(name);
    const timer = setTimeout(() => {
      this.#timers.delete(name);
      fire();
    }, delayMs);
    this.#timers.set(name, timer);
  }

  /** clear cancels the named timers, or every timer when no name is given. */
  clear(...names: Name[]): void {
    for (const name of names.length > 0 ? names : [...this.#timers.keys()]) {
      clearTimeout(this.#timers.get(name));
      this.#timers.delete(name);
    }
  }

  /** has says whether a timer of that name is pending. */
  has(name: Name): boolean {
    return this.#timers.has(name);
  }

  /** size counts pending timers. */
  get size(): number {
    return this.#timers.size;
  }
}
