/**
 * Subscriber: one consumer (one RPC stream) holding any number of symbols, reading them through
 * its own mailbox.
 */
import type { SymbolRef } from "../symbols/symbol.js";
import { HubClosedError } from "./errors.js";
import type { AlertEvent, HubEvent, QuoteEvent } from "./events.js";
import type { FeedTable, Holder } from "./feed-table.js";
import { Mailbox, type MailboxListener } from "./mailbox.js";

/**
 * QuoteTap sees every quote put into a subscriber's mailbox, before any conflation, and returns
 * the alert events it fired, which are put right after it. It must be synchronous, cheap, and
 * must not throw.
 */
export type QuoteTap = (quote: QuoteEvent) => readonly AlertEvent[];

/**
 * Subscriber is one consumer holding any number of symbols. Whoever calls `hub.subscribe()` owns
 * it and must `close()` it; closing releases all its symbols.
 */
export interface Subscriber {
  /**
   * add subscribes to `refs` (already held ones are ignored). All or nothing: when the symbol cap
   * would be passed, it throws SymbolLimitError and holds nothing new. @throws HubClosedError once closed.
   */
  add(refs: readonly SymbolRef[]): void;
  /** remove releases `refs`; ones not held are ignored. */
  remove(refs: readonly SymbolRef[]): void;
  /** symbols are the ids held now, sorted. */
  symbols(): string[];
  /**
   * listen switches the subscriber to push delivery: `onEvent` runs synchronously when an event
   * arrives and nothing is pending, and takes it by returning true. An event it leaves (returns
   * false: the client is behind) stays pending, conflated (newest per symbol and kind), and
   * `onEvent(undefined)` says so on later arrivals and on close; the owner collects with
   * `takePending`. Pass undefined to stop listening.
   */
  listen(onEvent: MailboxListener | undefined): void;
  /**
   * tap installs `quoteTap` (undefined removes it): from now on it sees each quote of the held
   * symbols as the hub hands it over, whether or not the reader keeps up.
   */
  tap(quoteTap: QuoteTap | undefined): void;
  /** takePending returns the pending events in delivery order without waiting; [] when closed. */
  takePending(): HubEvent[];
  /** closed is true once the subscriber or its hub closed. */
  readonly closed: boolean;
  /** close releases every symbol. Idempotent. */
  close(): void;
}

/** SubscriberOwner is told once, by `delete`, that a subscriber closed: the hub's set of them. */
export interface SubscriberOwner {
  delete(subscriber: Subscriber): unknown;
}

/** createSubscriber builds a subscriber over `feeds`; `owner.delete` is called once when it closes. */
export function createSubscriber(feeds: FeedTable, owner: SubscriberOwner): Subscriber {
  return new HubSubscriber(feeds, owner);
}

/**
 * A class, not an object of closures: every open stream holds one, so its methods live once, on
 * the prototype. It is also the feeds' Holder of its symbols (not the mailbox), so that a tap sees
 * every quote before conflation.
 */
class HubSubscriber implements Subscriber, Holder {
  /**
   * held are the symbols held, in a short array rather than a Map (whose table alone outweighs a
   * one-symbol stream's other state): a subscriber holds at most its client's symbol cap, and
   * never more than the server's (MAX_SYMBOLS, at most 1,000).
   */
  private held: readonly SymbolRef[] = [];
  private readonly mailbox = new Mailbox();
  private quoteTap: QuoteTap | undefined;

  constructor(
    private readonly feeds: FeedTable,
    private readonly owner: SubscriberOwner,
  ) {}

  put(event: HubEvent): void {
    this.mailbox.put(event);
    if (this.quoteTap === undefined || event.kind !== "quote") return;
    for (const fired of this.quoteTap(event)) this.mailbox.put(fired);
  }
  add(refs: readonly SymbolRef[]): void {
    if (this.mailbox.isClosed) throw new HubClosedError();
    const heldIds = new Set(this.held.map((ref) => ref.id));
    const fresh = [...new Map(refs.map((ref) => [ref.id, ref])).values()].filter((ref) => !heldIds.has(ref.id));
    this.feeds.attach(this, fresh);
    // concat, not spread: spreading into a literal leaves room for sixteen, concat makes the exact length.
    if (fresh.length > 0) this.held = this.held.concat(fresh);
  }
  remove(refs: readonly SymbolRef[]): void {
    // One pass over what is held, not one per ref: a Watch may drop its whole list at once.
    const asked = new Set(refs.map((ref) => ref.id));
    const gone = this.held.filter((ref) => asked.has(ref.id));
    if (gone.length === 0) return;
    this.held = this.held.filter((ref) => !asked.has(ref.id));
    for (const { id } of gone) {
      this.mailbox.drop(id);
      this.feeds.detach(this, id);
    }
  }
  symbols(): string[] {
    return this.held.map((ref) => ref.id).sort();
  }
  listen(onEvent: MailboxListener | undefined): void {
    this.mailbox.listen(onEvent);
  }
  tap(quoteTap: QuoteTap | undefined): void {
    this.quoteTap = quoteTap;
  }
  takePending(): HubEvent[] {
    return this.mailbox.takeNow();
  }
  get closed(): boolean {
    return this.mailbox.isClosed;
  }
  close(): void {
    if (this.mailbox.isClosed) return;
    this.mailbox.close();
    this.quoteTap = undefined;
    for (const ref of this.held) this.feeds.detach(this, ref.id);
    this.held = [];
    this.owner.delete(this);
  }
}
