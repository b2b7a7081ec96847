/**
 * The hub: framework-free subscriptions over a PriceSource.
 *
 * - One feed per unique symbol however many subscribers hold it; the first subscriber opens it,
 *   the last one closes it and drops its cached quote at once.
 * - Cache-first: a new subscriber of a live symbol gets the last quote at once, with no page work.
 * - Fan-out goes through per-subscriber mailboxes that keep only the newest value per symbol, so
 *   a slow subscriber never delays the others and never grows memory.
 */
import type { Logger } from "../log.js";
import type { SymbolRef } from "../symbols/symbol.js";
import { HubClosedError, SymbolLimitError } from "./errors.js";
import { isFinal, type HubEvent, type QuoteEvent, type StateEvent } from "./events.js";
import { Mailbox, type MailboxListener } from "./mailbox.js";
import type { Feed, FeedState, Observation, PriceSource } from "./price-source.js";

export interface HubOptions {
  source: PriceSource;
  /** maxSymbols caps the symbols with an open feed at once, across all subscribers. */
  maxSymbols: number;
  logger: Logger;
  /** observer is told what feeds do (for metrics); it must be cheap and must not throw. */
  observer?: HubObserver;
}

/** HubObserver hears of every observation and state change of every feed. */
export interface HubObserver {
  observation(symbol: string, observation: Observation): void;
  /** state: `sinceOpenMs` since the feed opened; `firstLive` on its first `live`. */
  state(symbol: string, state: FeedState, sinceOpenMs: number, firstLive: boolean): void;
}

/** HubStats is a snapshot for metrics, logs and tests. */
export interface HubStats {
  symbols: number;
  openFeeds: number;
  subscribers: number;
}

interface Entry {
  readonly ref: SymbolRef;
  feed: Feed | undefined;
  state: StateEvent;
  last: QuoteEvent | undefined;
  readonly subscribers: Set<Subscriber>;
}

/**
 * Subscriber is one consumer (one RPC stream) holding any number of symbols. Whoever calls
 * `hub.subscribe()` owns it and must `close()` it; closing releases all its symbols.
 */
export class Subscriber {
  private readonly held = new Map<string, SymbolRef>();
  private readonly mailbox = new Mailbox();

  /** @internal Created by Hub.subscribe. */
  constructor(private readonly hub: Hub) {}

  /**
   * add subscribes to `refs` (already held ones are ignored). All or nothing: when the symbol cap
   * would be passed, it throws SymbolLimitError and holds nothing new.
   */
  add(refs: readonly SymbolRef[]): void {
    if (this.closed) throw new HubClosedError();
    const fresh = dedupe(refs).filter((ref) => !this.held.has(ref.id));
    this.hub.attach(this, fresh);
    for (const ref of fresh) this.held.set(ref.id, ref);
  }

  /** remove releases `refs`; ones not held are ignored. */
  remove(refs: readonly SymbolRef[]): void {
    for (const ref of refs) {
      if (!this.held.delete(ref.id)) continue;
      this.mailbox.drop(ref.id);
      this.hub.detach(this, ref.id);
    }
  }

  /** symbols are the ids held now, sorted. */
  symbols(): string[] {
    return [...this.held.keys()].sort();
  }

  /**
   * next waits for events. An empty array means `signal` aborted, the subscriber closed, or
   * `idleMs` passed with nothing new (tell them apart with `signal.aborted` and `closed`).
   */
  next(signal: AbortSignal, idleMs?: number): Promise<HubEvent[]> {
    return this.mailbox.take(signal, idleMs);
  }

  /**
   * listen switches the subscriber to push delivery: `onEvent` runs synchronously when an event
   * arrives and nothing is pending, and takes it by returning true. An event it leaves (returns
   * false: the client is behind) stays pending, conflated (newest per symbol and kind), and
   * `onEvent(undefined)` says so on later arrivals and on close; the owner collects with
   * `takePending`. Pass undefined to stop listening.
   */
  listen(onEvent: MailboxListener | undefined): void {
    this.mailbox.listen(onEvent);
  }

  /** takePending returns the pending events in delivery order without waiting; [] when closed. */
  takePending(): HubEvent[] {
    return this.mailbox.takeNow();
  }

  /** closed is true once the subscriber or its hub closed. */
  get closed(): boolean {
    return this.mailbox.isClosed;
  }

  /** close releases every symbol. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.mailbox.close();
    for (const id of this.held.keys()) this.hub.detach(this, id);
    this.held.clear();
    this.hub.forget(this);
  }

  /** @internal */
  deliver(event: HubEvent): void {
    this.mailbox.put(event);
  }
}

/** Hub owns the feeds. Create one per process with createHub; close it on shutdown. */
export class Hub {
  private readonly entries = new Map<string, Entry>();
  private readonly subscribers = new Set<Subscriber>();
  private closed = false;

  constructor(private readonly options: HubOptions) {}

  /** subscribe opens a subscriber with no symbols. */
  subscribe(): Subscriber {
    if (this.closed) throw new HubClosedError();
    const subscriber = new Subscriber(this);
    this.subscribers.add(subscriber);
    return subscriber;
  }

  stats(): HubStats {
    let openFeeds = 0;
    for (const entry of this.entries.values()) if (entry.feed) openFeeds += 1;
    return { symbols: this.entries.size, openFeeds, subscribers: this.subscribers.size };
  }

  /** close ends every subscriber and closes every feed. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscriber of [...this.subscribers]) subscriber.close();
    await Promise.all([...this.entries.values()].map((entry) => this.closeFeed(entry)));
    this.entries.clear();
  }

  /** @internal Called by Subscriber.add with symbols it does not hold yet. */
  attach(subscriber: Subscriber, refs: readonly SymbolRef[]): void {
    const opening = refs.filter((ref) => this.needsFeed(this.entries.get(ref.id)));
    const open = this.stats().openFeeds;
    if (open + opening.length > this.options.maxSymbols) {
      throw new SymbolLimitError(
        `the server already watches ${open} of at most ${this.options.maxSymbols} symbols; ` +
          `remove some or ask the operator to raise MAX_SYMBOLS`,
        this.options.maxSymbols,
      );
    }
    for (const ref of refs) {
      const existing = this.entries.get(ref.id);
      const entry = existing ?? this.createEntry(ref);
      entry.subscribers.add(subscriber);
      if (this.needsFeed(existing)) this.openFeed(entry);
      subscriber.deliver(entry.state);
      if (entry.last) subscriber.deliver(entry.last);
    }
  }

  /** @internal Called by Subscriber when it lets go of a symbol. */
  detach(subscriber: Subscriber, id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.subscribers.delete(subscriber);
    if (entry.subscribers.size > 0) return;
    this.entries.delete(id);
    void this.closeFeed(entry);
    this.options.logger.info("symbol.released", { symbol: id });
  }

  /** @internal */
  forget(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** A failed feed is retried when someone subscribes anew; not_found is not. */
  private needsFeed(entry: Entry | undefined): boolean {
    return entry === undefined || (entry.feed === undefined && entry.state.state === "failed");
  }

  private createEntry(ref: SymbolRef): Entry {
    const entry: Entry = {
      ref,
      feed: undefined,
      state: stateEvent(ref.id, "loading", ""),
      last: undefined,
      subscribers: new Set(),
    };
    this.entries.set(ref.id, entry);
    return entry;
  }

  private openFeed(entry: Entry): void {
    const { ref } = entry;
    entry.state = stateEvent(ref.id, "loading", "");
    for (const subscriber of entry.subscribers) subscriber.deliver(entry.state);
    this.options.logger.info("symbol.opening", { symbol: ref.id });
    let active = true;
    let wentLive = false;
    const openedAt = Date.now();
    const current = () => active && this.entries.get(ref.id) === entry;
    entry.feed = this.options.source.watch(ref, {
      observation: (observation) => {
        if (!current()) return;
        const quote: QuoteEvent = { kind: "quote", symbol: ref.id, ...observation };
        entry.last = quote;
        this.options.observer?.observation(ref.id, observation);
        for (const subscriber of entry.subscribers) subscriber.deliver(quote);
      },
      state: (state, detail) => {
        if (!current() || entry.state.state === state) return;
        entry.state = stateEvent(ref.id, state, detail ?? "");
        if (isFinal(state)) {
          active = false;
          entry.feed = undefined;
          entry.last = undefined;
        }
        this.options.logger.info("symbol.state", { symbol: ref.id, state, detail });
        this.options.observer?.state(ref.id, state, Date.now() - openedAt, state === "live" && !wentLive);
        if (state === "live") wentLive = true;
        for (const subscriber of entry.subscribers) subscriber.deliver(entry.state);
      },
    });
  }

  private async closeFeed(entry: Entry): Promise<void> {
    const feed = entry.feed;
    entry.feed = undefined;
    entry.last = undefined;
    if (!feed) return;
    try {
      await feed.close();
    } catch (error) {
      this.options.logger.error("symbol.close_failed", { symbol: entry.ref.id, error });
    }
  }
}

/** createHub builds the process's hub over `source`. */
export function createHub(options: HubOptions): Hub {
  return new Hub(options);
}

function stateEvent(symbol: string, state: FeedState, detail: string): StateEvent {
  return { kind: "state", symbol, state, detail };
}

function dedupe(refs: readonly SymbolRef[]): SymbolRef[] {
  return [...new Map(refs.map((ref) => [ref.id, ref])).values()];
}
