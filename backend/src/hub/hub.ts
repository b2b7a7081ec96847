/**
 * The hub: framework-free subscriptions over a PriceSource.
 *
 * - One feed per unique symbol however many subscribers hold it; the first subscriber opens it,
 *   the last one closes it and drops its cached quote at once (feed-table.ts).
 * - Cache-first: a new subscriber of a live symbol gets the symbol's recent quotes once (a history
 *   event) and the last quote at once, with no page work (quote-history.ts).
 * - Fan-out goes through per-subscriber mailboxes that keep only the newest value per symbol, so
 *   a slow subscriber never delays the others and never grows memory (subscriber.ts, mailbox.ts).
 */
import type { Logger } from "../log.js";
import { HubClosedError } from "./errors.js";
import { createFeedTable, type SymbolStats } from "./feed-table.js";
import type { HistoryLimits } from "./quote-history.js";
import type { FeedState, Observation, PriceSource } from "./price-source.js";
import { createSubscriber, type Subscriber } from "./subscriber.js";

export type { Subscriber } from "./subscriber.js";
export type { SymbolStats } from "./feed-table.js";

/** HubOptions configure createHub. */
export interface HubOptions {
  source: PriceSource;
  /** maxSymbols caps the symbols with an open feed at once, across all subscribers. */
  maxSymbols: number;
  logger: Logger;
  /** observer hears what feeds do (for metrics); it must be cheap and must not throw. */
  observer?: HubObserver;
  /**
   * history bounds each symbol's recent quotes, kept from its page's opening to its teardown and
   * sent once to each new subscriber; default configDefaults.historyMaxPoints / historyWindowMs.
   */
  history?: HistoryLimits;
}

/**
 * HubObserver hears plain facts about every feed, in the order they happen: a feed opening is a
 * `state` of `loading`, then come its observations and state changes, and `released` when the
 * hub lets go of the symbol (its last subscriber left or the hub closed).
 */
export interface HubObserver {
  observation(symbol: string, observation: Observation): void;
  state(symbol: string, state: FeedState, detail: string): void;
  released(symbol: string): void;
}

/** HubStats is a snapshot for metrics, logs and tests. */
export interface HubStats {
  /** symbols held by at least one subscriber. */
  symbols: number;
  /** openFeeds: symbols whose feed is open (not ended in a final state). */
  openFeeds: number;
  subscribers: number;
}

/** Hub owns the feeds. Create one per process with createHub; close it on shutdown. */
export interface Hub {
  /** subscribe opens a subscriber with no symbols; the caller owns it and must close it. @throws HubClosedError after close. */
  subscribe(): Subscriber;
  stats(): HubStats;
  /** opensPage is true when subscribing to `id` now would open its feed: nobody holds it (or its feed failed). */
  opensPage(id: string): boolean;
  /** symbols reports each held symbol's state and subscriber count, sorted by symbol. */
  symbols(): SymbolStats[];
  /** close ends every subscriber and closes every feed. Idempotent; resolves once feeds closed. */
  close(): Promise<void>;
}

/** createHub builds the process's hub over `source`. The source stays the caller's to close. */
export function createHub(options: HubOptions): Hub {
  const feeds = createFeedTable(options);
  const subscribers = new Set<Subscriber>();
  let closed = false;
  return {
    subscribe() {
      if (closed) throw new HubClosedError();
      const subscriber = createSubscriber(feeds, () => subscribers.delete(subscriber));
      subscribers.add(subscriber);
      return subscriber;
    },
    stats: () => ({ symbols: feeds.size(), openFeeds: feeds.openCount(), subscribers: subscribers.size }),
    opensPage: (id) => feeds.opensPage(id),
    symbols: () => feeds.list().sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)),
    async close() {
      if (closed) return;
      closed = true;
      for (const subscriber of [...subscribers]) subscriber.close();
      await feeds.close();
    },
  };
}
