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
import { HubClosedError } from "./errors.js";
import { createFeedTable, type SymbolStats } from "./feed-table.js";
import type { HubOptions } from "./hub-options.js";
import { createSubscriber, type Subscriber } from "./subscriber.js";

export type { HubObserver, HubOptions } from "./hub-options.js";
export type { Subscriber } from "./subscriber.js";
export type { SymbolStats } from "./feed-table.js";

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
      // The subscriber leaves the set itself when it closes: no closure per subscriber.
      const subscriber = createSubscriber(feeds, subscribers);
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
