/**
 * A stream's subscriber as its client's quota sees it (client-quotas.ts): every symbol a stream
 * adds, at open or later (UpdateWatch), is counted against its client's share first.
 */
import type { HubEvent } from "../../hub/events.js";
import type { Subscriber } from "../../hub/hub.js";
import type { MailboxListener } from "../../hub/mailbox.js";
import type { QuoteTap } from "../../hub/subscriber.js";
import type { SymbolRef } from "../../symbols/symbol.js";
import type { ClientSymbols } from "./client-quotas.js";

/**
 * quotaSubscriber is `subscriber` with its adds and removes counted in `share`: an add the quota
 * refuses throws before anything changes. Streams hand this one to their specs (and so to the
 * watch registry), so every way of adding a symbol goes through it.
 */
export function quotaSubscriber(subscriber: Subscriber, share: ClientSymbols, opensPage: (id: string) => boolean): Subscriber {
  return new QuotaSubscriber(subscriber, share, opensPage);
}

/** A class, not an object of closures: every open stream holds one, so its methods live once, on the prototype. */
class QuotaSubscriber implements Subscriber {
  constructor(
    private readonly subscriber: Subscriber,
    private readonly share: ClientSymbols,
    private readonly opensPage: (id: string) => boolean,
  ) {}

  add(refs: readonly SymbolRef[]): void {
    const holding = new Set(this.subscriber.symbols());
    const fresh = [...new Set(refs.map((ref) => ref.id))].filter((id) => !holding.has(id));
    this.share.admit(fresh);
    const opening = fresh.filter(this.opensPage);
    this.subscriber.add(refs);
    this.share.added(fresh, opening);
  }
  remove(refs: readonly SymbolRef[]): void {
    this.subscriber.remove(refs);
    this.share.removed(refs.map((ref) => ref.id));
  }
  symbols(): string[] {
    return this.subscriber.symbols();
  }
  listen(onEvent: MailboxListener | undefined): void {
    this.subscriber.listen(onEvent);
  }
  tap(quoteTap: QuoteTap | undefined): void {
    this.subscriber.tap(quoteTap);
  }
  takePending(): HubEvent[] {
    return this.subscriber.takePending();
  }
  get closed(): boolean {
    return this.subscriber.closed;
  }
  close(): void {
    this.share.release();
    this.subscriber.close();
  }
}
