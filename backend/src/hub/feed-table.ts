/**
 * FeedTable: the hub's symbols. One entry per symbol with its feed, its current state, its last
 * quote, its recent quotes and the mailboxes that hold it; the first holder opens the feed, the
 * last one closes it and drops the cache.
 */
import type { SymbolRef } from "../symbols/symbol.js";
import { SymbolLimitError } from "./errors.js";
import { isFinal, type HistoryEvent, type HubEvent, type QuoteEvent, type StateEvent } from "./events.js";
import type { HubOptions } from "./hub-options.js";
import type { Feed, FeedState } from "./price-source.js";
import { QuoteHistory } from "./quote-history.js";

/** SymbolStats is one held symbol as the hub sees it, for status reports. */
export interface SymbolStats {
  /** symbol is the normalised id (ref.id). */
  readonly symbol: string;
  readonly ref: SymbolRef;
  /** state is the state its holders were last told. */
  readonly state: FeedState;
  /** subscribers counts the subscribers holding it. */
  readonly subscribers: number;
}

/** Holder is where a symbol's events go: a subscriber's mailbox. */
export interface Holder {
  put(event: HubEvent): void;
}

/** FeedTable is owned by one hub; every method is synchronous except close. */
export interface FeedTable {
  /**
   * attach lets `holder` hold `refs` (none held by it yet) and hands it each one's state and, where
   * the symbol has quotes, its history and then its cached quote. @throws SymbolLimitError, changing nothing, when the feeds to open would pass the cap.
   */
  attach(holder: Holder, refs: readonly SymbolRef[]): void;
  /** detach lets go of `id` for `holder`; the last holder's leaving closes the feed. */
  detach(holder: Holder, id: string): void;
  size(): number;
  openCount(): number;
  /** opensPage is true when attaching `id` now would open its feed (nobody holds it, or its feed failed). */
  opensPage(id: string): boolean;
  /** list reports every held symbol's state and holder count, in no particular order. */
  list(): SymbolStats[];
  /** close closes every feed and forgets every symbol. */
  close(): Promise<void>;
}

interface Entry {
  readonly ref: SymbolRef;
  feed: Feed | undefined;
  state: StateEvent;
  last: QuoteEvent | undefined;
  /** history lives from the feed's opening to its teardown or final state, like `last`. */
  history: QuoteHistory | undefined;
  /** shared is the last history event handed out, reused while the history is unchanged. */
  shared: HistoryEvent | undefined;
  readonly holders: Set<Holder>;
}

/** createFeedTable builds the table over `options.source`. */
export function createFeedTable({ source, maxSymbols, logger, observer, history }: HubOptions): FeedTable {
  const entries = new Map<string, Entry>();
  const openCount = () => [...entries.values()].filter((entry) => entry.feed).length;
  // A failed feed is retried when someone subscribes anew; not_found is not.
  const needsFeed = (entry: Entry | undefined) => entry === undefined || (entry.feed === undefined && entry.state.state === "failed");

  const setState = (entry: Entry, state: FeedState, detail: string) => {
    entry.state = { kind: "state", symbol: entry.ref.id, state, detail };
    observer?.state(entry.ref.id, state, detail);
    for (const holder of entry.holders) holder.put(entry.state);
  };

  const dropCache = (entry: Entry) => {
    entry.last = undefined;
    entry.history = undefined;
    entry.shared = undefined;
  };
  const historyOf = (entry: Entry): HistoryEvent | undefined => {
    const quotes = entry.history?.recent(Date.now());
    if (!quotes || quotes.length === 0) return undefined;
    if (entry.shared?.quotes !== quotes) entry.shared = { kind: "history", symbol: entry.ref.id, quotes };
    return entry.shared;
  };
  const openFeed = (entry: Entry) => {
    const { ref } = entry;
    entry.history = history.maxPoints > 0 ? new QuoteHistory(history) : undefined;
    setState(entry, "loading", "");
    logger.info("symbol.opening", { symbol: ref.id });
    let active = true;
    const current = () => active && entries.get(ref.id) === entry;
    entry.feed = source.watch(ref, {
      observation: (observation) => {
        if (!current()) return;
        const quote: QuoteEvent = { kind: "quote", symbol: ref.id, ...observation };
        entry.last = quote;
        entry.history?.push(quote);
        observer?.observation(ref.id, observation);
        for (const holder of entry.holders) holder.put(quote);
      },
      state: (state, detail) => {
        if (!current() || entry.state.state === state) return;
        if (isFinal(state)) {
          active = false;
          entry.feed = undefined;
          dropCache(entry);
        }
        logger.info("symbol.state", { symbol: ref.id, state, detail });
        setState(entry, state, detail ?? "");
      },
    });
  };

  const closeFeed = async (entry: Entry) => {
    const feed = entry.feed;
    entry.feed = undefined;
    dropCache(entry);
    observer?.released(entry.ref.id);
    if (!feed) return;
    try {
      await feed.close();
    } catch (error) {
      logger.error("symbol.close_failed", { symbol: entry.ref.id, error });
    }
  };

  return {
    attach(holder, refs) {
      const opening = refs.filter((ref) => needsFeed(entries.get(ref.id)));
      const open = openCount();
      if (open + opening.length > maxSymbols) {
        throw new SymbolLimitError(`the server already watches ${open} of at most ${maxSymbols} symbols; remove some`, maxSymbols);
      }
      for (const ref of refs) {
        const existing = entries.get(ref.id);
        const entry: Entry = existing ?? { ref, feed: undefined, state: { kind: "state", symbol: ref.id, state: "loading", detail: "" }, last: undefined, history: undefined, shared: undefined, holders: new Set<Holder>() };
        entries.set(ref.id, entry);
        entry.holders.add(holder);
        if (needsFeed(existing)) openFeed(entry);
        else holder.put(entry.state);
        const recent = historyOf(entry);
        if (recent) holder.put(recent);
        if (entry.last) holder.put(entry.last);
      }
    },
    detach(holder, id) {
      const entry = entries.get(id);
      if (!entry) return;
      entry.holders.delete(holder);
      if (entry.holders.size > 0) return;
      entries.delete(id);
      void closeFeed(entry);
      logger.info("symbol.released", { symbol: id });
    },
    size: () => entries.size,
    openCount,
    opensPage: (id) => needsFeed(entries.get(id)),
    list: () => [...entries.values()].map((entry) => ({ symbol: entry.ref.id, ref: entry.ref, state: entry.state.state, subscribers: entry.holders.size })),
    async close() {
      await Promise.all([...entries.values()].map(closeFeed));
      entries.clear();
    },
  };
}
