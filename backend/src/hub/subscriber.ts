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

/** createSubscriber builds a subscriber over `feeds`; `onClose` is called once when it closes. */
export function createSubscriber(feeds: FeedTable, onClose: () => void): Subscriber {
  const held = new Map<string, SymbolRef>();
  const mailbox = new Mailbox();
  let quoteTap: QuoteTap | undefined;
  // The feeds hold this, not the mailbox, so that a tap sees every quote before conflation.
  const holder: Holder = {
    put(event) {
      mailbox.put(event);
      if (quoteTap === undefined || event.kind !== "quote") return;
      for (const fired of quoteTap(event)) mailbox.put(fired);
    },
  };
  return {
    add(refs) {
      if (mailbox.isClosed) throw new HubClosedError();
      const fresh = [...new Map(refs.map((ref) => [ref.id, ref])).values()].filter((ref) => !held.has(ref.id));
      feeds.attach(holder, fresh);
      for (const ref of fresh) held.set(ref.id, ref);
    },
    remove(refs) {
      for (const ref of refs) {
        if (!held.delete(ref.id)) continue;
        mailbox.drop(ref.id);
        feeds.detach(holder, ref.id);
      }
    },
    symbols: () => [...held.keys()].sort(),
    listen: (onEvent) => mailbox.listen(onEvent),
    tap(next) {
      quoteTap = next;
    },
    takePending: () => mailbox.takeNow(),
    get closed() {
      return mailbox.isClosed;
    },
    close() {
      if (mailbox.isClosed) return;
      mailbox.close();
      quoteTap = undefined;
      for (const id of held.keys()) feeds.detach(holder, id);
      held.clear();
      onClose();
    },
  };
}
