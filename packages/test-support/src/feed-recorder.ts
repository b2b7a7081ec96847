/**
 * A recording FeedSink for the scraper's integration tests, and readers of what it recorded. It
 * returns data; the tests assert.
 */
import { sameQuote, type FeedSink, type FeedState, type Observation, type SymbolRef } from "@crypto-stream/backend/hub";
import { DEFAULT_EXCHANGE } from "@crypto-stream/symbols/symbol.js";

/** FeedEvent is one sink call as a test sees it. */
export type FeedEvent = { kind: "state"; state: FeedState; detail?: string } | { kind: "price"; price: string };

/** Recorder is a FeedSink that keeps every call and lets a test wait for one. */
export interface Recorder extends FeedSink {
  readonly events: FeedEvent[];
  /** observations are the observations as sent, change fields included, in order. */
  readonly observations: Observation[];
  prices(): string[];
  /** quotes are the observations as "price change percent" texts ("-" for a change not shown). */
  quotes(): string[];
  /**
   * repeatedQuotes lists the indexes of observations that are the same quote as the one just before
   * (by the hub's sameQuote): [] when the sink contract held.
   */
  repeatedQuotes(): number[];
  states(): FeedState[];
  /** until resolves once `done(events)` holds; rejects after `timeoutMs` with the events so far. */
  until(what: string, done: (events: FeedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
}

/**
 * createRecorder builds a Recorder. `until` is woken by each sink call rather than polling; it
 * holds no timers except those of pending `until` calls.
 */
export function createRecorder(): Recorder {
  const events: FeedEvent[] = [];
  const observations: Observation[] = [];
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((check) => check());
  return {
    events,
    observations,
    observation: (observation) => {
      observations.push(observation);
      events.push({ kind: "price", price: observation.price });
      changed();
    },
    state: (state, detail) => (events.push({ kind: "state", state, detail }), changed()),
    prices: () => events.flatMap((e) => (e.kind === "price" ? [e.price] : [])),
    quotes: () => observations.map((o) => `${o.price} ${o.change ?? "-"} ${o.changePercent ?? "-"}`),
    repeatedQuotes: () =>
      observations.flatMap((o, i) => {
        const before = observations[i - 1];
        return before !== undefined && sameQuote(o, before) ? [i] : [];
      }),
    states: () => events.flatMap((e) => (e.kind === "state" ? [e.state] : [])),
    until(what, done, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          waiters.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const check = () => done(events) && finish();
        const timer = setTimeout(() => {
          finish(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** symbol builds a SymbolRef on the default exchange. */
export function symbol(ticker: string): SymbolRef {
  return { exchange: DEFAULT_EXCHANGE, ticker, id: ticker };
}

/** after returns the events after the last `state` event (all of them when there is none). */
export function after(events: FeedEvent[], state: FeedState): FeedEvent[] {
  const index = events.findLastIndex((e) => e.kind === "state" && e.state === state);
  return events.slice(index + 1);
}

/** resumedAfter holds once a feed that went `state` is live again and has sent a price since. */
export function resumedAfter(state: FeedState): (events: FeedEvent[]) => boolean {
  return (events) => {
    if (!events.some((e) => e.kind === "state" && e.state === state)) return false;
    const since = after(events, state);
    const live = since.findIndex((e) => e.kind === "state" && e.state === "live");
    return live >= 0 && since.slice(live).some((e) => e.kind === "price");
  };
}
