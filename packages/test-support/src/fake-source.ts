/**
 * A PriceSource fake for unit tests of the hub and the rpc layer: no browser, feeds steered by
 * hand. Records every watch and close so tests can check one feed per symbol and teardown.
 */
import type { Feed, FeedSink, FeedState, PriceSource, SymbolRef } from "@crypto-stream/backend/hub";

/** FakeFeed is one watch on a {@link FakeSource}, steered by the test; `closed` once closed or final. */
export interface FakeFeed {
  readonly ref: SymbolRef;
  readonly sink: FeedSink;
  closed: boolean;
  /** emit sends a price observed now (or at `at`), with the day's change beside it when given. */
  emit(price: string, at?: Date, change?: { readonly change?: string; readonly changePercent?: string }): void;
  state(state: FeedState, detail?: string): void;
}

/** FakeSource is a PriceSource without a browser that records every watch; `ready()` is always true. */
export interface FakeSource extends PriceSource {
  /** feeds holds every feed ever opened, in order. */
  readonly feeds: FakeFeed[];
  /** open returns the open feed of `id`, or undefined. */
  open(id: string): FakeFeed | undefined;
  openCount(): number;
}

/** createFakeSource: `onWatch` may react to a new feed (e.g. go live at once). */
export function createFakeSource(onWatch?: (feed: FakeFeed) => void): FakeSource {
  const feeds: FakeFeed[] = [];
  return {
    feeds,
    watch(ref: SymbolRef, sink: FeedSink): Feed {
      const feed: FakeFeed = {
        ref,
        sink,
        closed: false,
        emit: (price, at = new Date(), change = {}) => {
          if (!feed.closed) sink.observation({ price, observedAt: at, ...change });
        },
        state: (state, detail) => {
          if (feed.closed) return;
          sink.state(state, detail);
          // A real source releases the page itself after a final state.
          if (state === "not_found" || state === "failed") feed.closed = true;
        },
      };
      feeds.push(feed);
      onWatch?.(feed);
      return {
        close: () => {
          feed.closed = true;
          return Promise.resolve();
        },
      };
    },
    open: (id) => feeds.find((feed) => feed.ref.id === id && !feed.closed),
    openCount: () => feeds.filter((feed) => !feed.closed).length,
    ready: () => true,
    close: () => {
      for (const feed of feeds) feed.closed = true;
      return Promise.resolve();
    },
  };
}
