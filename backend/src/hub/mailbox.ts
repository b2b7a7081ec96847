/**
 * Mailbox: a per-subscriber buffer that keeps only the newest quote and the newest state per
 * symbol. A slow reader therefore sees fewer, newer values (conflation) instead of a growing
 * queue, and its memory is bounded by the number of symbols it holds. A symbol's history, put once
 * when the symbol is added, is kept beside them until taken: live quotes never conflate it away.
 * So are the subscriber's fired alerts, the newest per alert, delivered after the symbol's quote.
 */
import type { AlertEvent, HistoryEvent, HubEvent, QuoteEvent, StateEvent } from "./events.js";

interface Slot {
  history?: HistoryEvent;
  state?: StateEvent;
  quote?: QuoteEvent;
  /** quoteLast: the quote arrived after the state, so it is delivered after it. */
  quoteLast: boolean;
  /** alerts are fired alerts by id: bounded by the alerts a watch may hold. */
  alerts?: Map<string, AlertEvent>;
}

/**
 * MailboxListener hears of each event put into an empty mailbox and may take it at once by
 * returning true; returning false leaves it in the mailbox (conflated with later ones) until the
 * reader calls `takeNow`. It is also called with undefined when events are waiting, or on close.
 */
export type MailboxListener = (event: HubEvent | undefined) => boolean;

/** Mailbox is owned by one subscriber; the hub's feed table writes, the subscriber reads. */
export class Mailbox {
  /** slots exist only while something waits: a reader that keeps up never makes the map. */
  private slots: Map<string, Slot> | undefined;
  private listener: MailboxListener | undefined;
  private closed = false;

  /** put stores `event`, replacing an older pending event of the same kind and symbol. */
  put(event: HubEvent): void {
    if (this.closed) return;
    // Push delivery to a reader that keeps up: nothing is stored, nothing allocated.
    if ((this.slots === undefined || this.slots.size === 0) && this.listener?.(event)) return;
    const slots = (this.slots ??= new Map<string, Slot>());
    let slot = slots.get(event.symbol);
    if (!slot) {
      slot = { quoteLast: false };
      slots.set(event.symbol, slot);
    }
    if (event.kind === "alert") {
      (slot.alerts ??= new Map()).set(event.alertId, event);
    } else if (event.kind === "history") {
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
    this.slots?.delete(symbol);
  }

  /**
   * listen makes the mailbox push-driven: `listener` runs synchronously on every `put` (and on
   * `close`); it takes an event at once or leaves it, and the reader collects what was left with
   * `takeNow` when it is ready to write again. One callback for the mailbox's life, so delivering
   * costs no promise, timer or abort listener per event. Pass undefined to stop.
   */
  listen(listener: MailboxListener | undefined): void {
    this.listener = listener;
  }

  /**
   * takeNow returns what is pending and empties the mailbox; never waits. Oldest symbol first;
   * within a symbol its history comes first, then its state and quote in the order they arrived,
   * then its fired alerts.
   */
  takeNow(): HubEvent[] {
    const slots = this.slots;
    if (this.closed || slots === undefined || slots.size === 0) return [];
    const events: HubEvent[] = [];
    for (const slot of slots.values()) {
      if (slot.history) events.push(slot.history);
      const [first, second] = slot.quoteLast ? [slot.state, slot.quote] : [slot.quote, slot.state];
      if (first) events.push(first);
      if (second) events.push(second);
      if (slot.alerts) events.push(...slot.alerts.values());
    }
    // Let the map go: an idle reader should not hold one.
    this.slots = undefined;
    return events;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** close drops everything and tells the listener, if any. Idempotent. */
  close(): void {
    this.closed = true;
    this.slots = undefined;
    this.notify();
  }

  private notify(): void {
    this.listener?.(undefined);
  }
}
