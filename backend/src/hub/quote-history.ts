/**
 * QuoteHistory: one symbol's recent quotes in a ring of fixed size, for the `history` event a new
 * subscriber gets before live quotes (so a sparkline is full at once). Memory is bounded by
 * `maxPoints` quote references, which are the very objects already fanned out, not copies.
 */
import type { QuoteEvent } from "./events.js";

/** HistoryLimits bound a ring: at most `maxPoints` quotes, none older than `windowMs`. */
export interface HistoryLimits {
  /** maxPoints caps the quotes kept; 0 keeps none (no history events at all). */
  readonly maxPoints: number;
  /** windowMs is how far back a quote may have been observed and still be sent. */
  readonly windowMs: number;
}

/** QuoteHistory is owned by one feed-table entry; it lives from the page's opening to its teardown. */
export class QuoteHistory {
  readonly #ring: (QuoteEvent | undefined)[];
  readonly #windowMs: number;
  #start = 0;
  #size = 0;
  /** #recent is the last answer of recent(), kept until a push or an age-out changes it. */
  #recent: readonly QuoteEvent[] | undefined;

  constructor(limits: HistoryLimits) {
    this.#ring = new Array<QuoteEvent | undefined>(Math.max(0, limits.maxPoints));
    this.#windowMs = limits.windowMs;
  }

  /** size is the number of quotes held now. */
  get size(): number {
    return this.#size;
  }

  /** push adds `quote` as the newest, dropping the oldest when the ring is full. */
  push(quote: QuoteEvent): void {
    const capacity = this.#ring.length;
    if (capacity === 0) return;
    if (this.#size === capacity) {
      this.#ring[this.#start] = quote;
      this.#start = (this.#start + 1) % capacity;
    } else {
      this.#ring[(this.#start + this.#size) % capacity] = quote;
      this.#size += 1;
    }
    this.#recent = undefined;
  }

  /**
   * recent returns the quotes observed within `windowMs` before `nowMs`, oldest first, and always
   * the newest (the cached price, still current however old). Older quotes are let go. The same
   * array comes back until the history changes, so a caller may encode it once for many readers.
   */
  recent(nowMs: number): readonly QuoteEvent[] {
    const capacity = this.#ring.length;
    const cutoff = nowMs - this.#windowMs;
    while (this.#size > 1 && this.#ring[this.#start]!.observedAt.getTime() < cutoff) {
      this.#ring[this.#start] = undefined;
      this.#start = (this.#start + 1) % capacity;
      this.#size -= 1;
      this.#recent = undefined;
    }
    this.#recent ??= Object.freeze(Array.from({ length: this.#size }, (_, i) => this.#ring[(this.#start + i) % capacity]!));
    return this.#recent;
  }
}
