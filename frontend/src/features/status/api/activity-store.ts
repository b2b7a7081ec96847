import { createClient, type Transport } from "@connectrpc/connect";
import { StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { defaultBackoff, type BackoffPolicy } from "../../../lib/backoff.js";
import { consoleLogger, type Logger } from "../../../lib/log.js";
import type { ActivityRow } from "../model/activity.js";
import { ActivityConnection, type LinkState } from "./activity-connection.js";
import { ActivityFeed, type ActivityFeedView } from "./activity-feed.js";
import { toActivityRow } from "./activity-rows.js";
import { createFollower, createListeners } from "../../../lib/listeners.js";

/** ActivitySnapshot is what the Activity list shows: the feed, and how its stream stands. */
export interface ActivitySnapshot extends ActivityFeedView {
  readonly link: LinkState;
}

/** ActivityStore holds the Activity list and the one StreamActivity stream that feeds it. */
export interface ActivityStore {
  /**
   * subscribe registers `listener` for changes. The first listener opens the stream; when the
   * last one leaves, the stream is aborted, any pending reconnect cancelled and the list emptied:
   * the next one starts from the server's replay.
   * @returns the function that unsubscribes; calling it twice is harmless.
   */
  subscribe(listener: () => void): () => void;
  /** getSnapshot returns the current state; the same object until something changes. */
  getSnapshot(): ActivitySnapshot;
  /** pause holds new events back, counting them, until `resume`. */
  pause(): void;
  /** resume shows the held events and new ones as they come. */
  resume(): void;
}

/** ActivityStoreOptions are the store's dependencies; all but the transport have defaults. */
export interface ActivityStoreOptions {
  transport: Transport;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** random feeds the backoff jitter; fixed in tests. */
  random?: () => number;
  /** idleTimeoutMs: a stream silent this long, heartbeats included, is taken as dead. */
  idleTimeoutMs?: number;
  /** cap is how many events the list keeps; the server replays 300. */
  cap?: number;
  /**
   * tokenChanges, when given, registers a listener for a new or forgotten access token and
   * returns its unsubscribe; on each change the store reopens its stream at once (the only way
   * out of "unauthenticated").
   */
  tokenChanges?: (listener: () => void) => () => void;
  /** onActivity hears each new event, shown or held, e.g. to refresh the Status table. */
  onActivity?: (row: ActivityRow) => void;
}

/**
 * createActivityStore makes the store. It owns its stream: nothing is opened until the first
 * subscriber, and everything is aborted when the last one leaves.
 */
export function createActivityStore(options: ActivityStoreOptions): ActivityStore {
  const feed = new ActivityFeed(options.cap);
  const listeners = createListeners(start, stop);
  const connection = new ActivityConnection({
    client: createClient(StatusService, options.transport),
    log: options.log ?? consoleLogger,
    backoff: options.backoff ?? defaultBackoff,
    random: options.random ?? Math.random,
    idleTimeoutMs: options.idleTimeoutMs ?? 45_000,
    received(event) {
      const row = toActivityRow(event);
      if (!feed.add(row)) return;
      options.onActivity?.(row);
      publishSoon();
    },
    changed: publish,
  });
  const tokens = createFollower(options.tokenChanges, () => connection.reopen());
  let snapshot = takeSnapshot();
  let flush: ReturnType<typeof setTimeout> | undefined;

  function takeSnapshot(): ActivitySnapshot {
    return { ...feed.view, link: connection.state };
  }

  function publish(): void {
    clearTimeout(flush);
    flush = undefined;
    snapshot = takeSnapshot();
    listeners.notify();
  }

  /** publishSoon publishes once for a burst of events: the replay of 300 renders once, not 300 times. */
  function publishSoon(): void {
    flush ??= setTimeout(publish, 0);
  }

  function start(): void {
    tokens.start();
    connection.start();
  }

  function stop(): void {
    tokens.stop();
    connection.stop();
    clearTimeout(flush);
    flush = undefined;
    feed.clear();
    snapshot = takeSnapshot();
  }

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => snapshot,
    pause() {
      feed.pause();
      publish();
    },
    resume() {
      feed.resume();
      publish();
    },
  };
}
