/**
 * The activity log: the newest events in a ring, and readers that replay the ring and then follow
 * new events. Recording never waits for a reader: a reader the ring laps is moved ahead to the
 * oldest event still kept and first gets a `skipped` event saying how many it missed. A reader
 * costs a cursor; no queue is kept per reader.
 */
import type { ActivityEvent, ActivityKind } from "./activity-event.js";
import { createRing } from "./ring.js";

/** ACTIVITY_CAPACITY is how many events the log keeps for replay (the 300). */
const ACTIVITY_CAPACITY = 300;

/** ActivityLog is owned by one server; recording is synchronous and never throws. */
export interface ActivityLog {
  /** record appends an event and wakes the readers. */
  record(kind: ActivityKind, symbol: string, message: string, count?: number): ActivityEvent;
  /** recent copies the kept events, oldest first. */
  recent(): ActivityEvent[];
  /** reader starts a reader at the oldest kept event; `symbol` keeps only that symbol's events. */
  reader(symbol?: string): ActivityReader;
}

/** ActivityReader reads the log in order; it holds nothing but a cursor, so dropping it is enough. */
export interface ActivityReader {
  /**
   * next resolves with the events not read yet (at most the ring's worth), a `skipped` event first
   * when the ring lapped the reader. An empty array means `signal` aborted or `idleMs` passed with
   * nothing new. Never rejects.
   */
  next(signal: AbortSignal, idleMs: number): Promise<ActivityEvent[]>;
}

/** createActivityLog makes an empty log; `now` is the clock for event times. */
export function createActivityLog(capacity = ACTIVITY_CAPACITY, now: () => Date = () => new Date()): ActivityLog {
  const ring = createRing<ActivityEvent>(capacity);
  let nextSequence = 1;
  const waiting = new Set<() => void>();
  const oldest = () => nextSequence - ring.size;

  const unread = (cursor: number, symbol: string | undefined): ActivityEvent[] => {
    const events: ActivityEvent[] = [];
    for (let sequence = cursor; sequence < nextSequence; sequence++) {
      const event = ring.at(sequence - oldest()) as ActivityEvent;
      if (symbol === undefined || event.symbol === symbol) events.push(event);
    }
    return events;
  };

  return {
    record(kind, symbol, message, count = 1) {
      const event: ActivityEvent = { sequence: nextSequence++, at: now(), kind, symbol, message, count };
      ring.push(event);
      const woken = [...waiting];
      waiting.clear();
      for (const wake of woken) wake();
      return event;
    },
    recent: () => ring.toArray(),
    reader(symbol) {
      let cursor = oldest();
      return {
        async next(signal, idleMs) {
          for (;;) {
            if (signal.aborted) return [];
            if (cursor < nextSequence) {
              const missed = oldest() - cursor;
              const skipped = missed > 0 ? [skippedEvent(oldest() - 1, missed, now())] : [];
              const events = [...skipped, ...unread(Math.max(cursor, oldest()), symbol)];
              cursor = nextSequence;
              if (events.length > 0) return events;
            }
            if (!(await waitFor(waiting, signal, idleMs))) return [];
          }
        },
      };
    },
  };
}

function skippedEvent(sequence: number, missed: number, at: Date): ActivityEvent {
  const message = `this reader fell behind: ${missed} event${missed === 1 ? " was" : "s were"} skipped to catch up`;
  return { sequence, at, kind: "skipped", symbol: "", message, count: missed };
}

/**
 * waitFor resolves true when the next event is recorded, false on abort or after `idleMs`. It
 * leaves nothing behind in `waiting`, so an idle reader does not grow it.
 */
function waitFor(waiting: Set<() => void>, signal: AbortSignal, idleMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (woken: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      waiting.delete(onEvent);
      resolve(woken);
    };
    const onEvent = () => finish(true);
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), idleMs);
    signal.addEventListener("abort", onAbort, { once: true });
    waiting.add(onEvent);
  });
}
