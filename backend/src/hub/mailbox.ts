/**
 * Mailbox: a per-subscriber buffer that keeps only the newest quote and the newest state per
 * symbol. A slow reader therefore sees fewer, newer values (conflation) instead of a growing
 * queue, and its memory is bounded by the number of symbols it holds. A symbol's history, put once
 * when the symbol is added, is kept beside them until taken: live quotes never conflate it away.
 */
import type { HistoryEvent, HubEvent, QuoteEvent, StateEvent } from "./events.js";

interface Slot {
  history?: HistoryEvent;
  state?: StateEvent;
  quote?: QuoteEvent;
  /** quoteLast: the quote arrived after the state, so it is delivered after it. */
  quoteLast: boolean;
}

/** Mailbox is owned by one subscriber; the hub's feed table writes, the subscriber reads. */
export class Mailbox {
  private readonly slots = new Map<string, Slot>();
  private wake: (() => void) | undefined;
  private closed = false;

  /** put stores `event`, replacing an older pending event of the same kind and symbol. */
  put(event: HubEvent): void {
    if (this.closed) return;
    let slot = this.slots.get(event.symbol);
    if (!slot) {
      slot = { quoteLast: false };
      this.slots.set(event.symbol, slot);
    }
    if (event.kind === "history") {
      slot.history = event;
    } else if (event.kind === "quote") {
      slot.quote = event;
      slot.quoteLast = true;
    } else {
      slot.state = event;
      slot.quoteLast = false;
    }
    this.notify();
  }

  /** drop forgets anything pending for `symbol` (it was removed from the subscription). */
  drop(symbol: string): void {
    this.slots.delete(symbol);
  }

  /**
   * take waits until events are pending and returns them all, oldest symbol first; within a symbol
   * its history comes first, then its state and quote in the order they arrived. It resolves
   * with an empty array when `signal` aborts, the mailbox closes, or `idleMs` pass with nothing
   * to deliver; it never rejects.
   */
  async take(signal: AbortSignal, idleMs = Infinity): Promise<HubEvent[]> {
    if (this.slots.size === 0 && !this.closed && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.wake = undefined;
          signal.removeEventListener("abort", done);
          clearTimeout(timer);
          resolve();
        };
        const timer = Number.isFinite(idleMs) ? setTimeout(done, idleMs) : undefined;
        signal.addEventListener("abort", done, { once: true });
        this.wake = done;
      });
    }
    if (this.closed || signal.aborted) return [];
    const events: HubEvent[] = [];
    for (const slot of this.slots.values()) {
      if (slot.history) events.push(slot.history);
      const [first, second] = slot.quoteLast ? [slot.state, slot.quote] : [slot.quote, slot.state];
      if (first) events.push(first);
      if (second) events.push(second);
    }
    this.slots.clear();
    return events;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** close drops everything and releases a waiting `take`. Idempotent. */
  close(): void {
    this.closed = true;
    this.slots.clear();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
