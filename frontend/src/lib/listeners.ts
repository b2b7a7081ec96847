/**
 * The listener set of a React-free store whose work runs only while someone listens: the first
 * listener starts it, the last one to leave stops it (TanStack Query's shape, and the hub's).
 */

/** Listeners is what a store hands to `useSyncExternalStore` and calls when its snapshot changes. */
export interface Listeners {
  /** subscribe adds `listener` and returns its removal; the first one starts the work, the last removal stops it. */
  subscribe(listener: () => void): () => void;
  /** notify calls every listener once; one may unsubscribe during the call. */
  notify(): void;
}

/**
 * createListeners builds the set around `start` and `stop`, which it calls exactly in turn; a
 * store with no work to start leaves them out.
 */
export function createListeners(start: () => void = noop, stop: () => void = noop): Listeners {
  // One entry per call, so the same function subscribed twice needs two removals.
  const entries = new Set<{ listener: () => void }>();
  return {
    subscribe(listener) {
      const entry = { listener };
      entries.add(entry);
      if (entries.size === 1) start();
      return () => {
        if (entries.delete(entry) && entries.size === 0) stop();
      };
    },
    notify() {
      for (const entry of [...entries]) entry.listener();
    },
  };
}

function noop(): void {}

/** Follower holds one subscription open between `start` and `stop`. */
export interface Follower {
  start(): void;
  /** stop unsubscribes; harmless when not started. */
  stop(): void;
}

/**
 * createFollower subscribes `onChange` to `changes` (when given) on `start` and unsubscribes on
 * `stop`: a store follows e.g. the access token only while it has listeners of its own.
 */
export function createFollower(changes: ((listener: () => void) => () => void) | undefined, onChange: () => void): Follower {
  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = changes?.(onChange);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
