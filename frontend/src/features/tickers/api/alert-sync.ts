/**
 * The grid's alerts on the server: each alert the page keeps and that has neither fired nor been
 * refused is set on the current Watch, once its ticker is on it; alerts the page dropped are
 * removed; and the Watch's AlertTriggered events are told to the store. A new Watch (a reconnect,
 * a reload) starts empty on the server, so everything waiting is set again on it.
 */
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import { CrossDirection, type AlertTriggered, type PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { Logger } from "../../../lib/log.js";
import { isWaiting, type PriceAlert } from "../model/alert.js";
import type { AlertStore } from "./alert-store.js";

/** WatchHandle is what the sync reads of a Watch attempt (watch-attempt.ts). */
export interface WatchHandle {
  /** watchId is the server's id for the watch; undefined until it started. A capability: never logged. */
  readonly watchId: string | undefined;
  /** server is what the server watches, as its last answer said. */
  readonly server: ReadonlySet<string>;
  /** controller cancels every call made for the watch when it is replaced. */
  readonly controller: AbortController;
}

/** AlertSync keeps the current Watch's alerts in line with the store. */
export interface AlertSync {
  /** watched says `watch` is the current watch and what it holds changed (it started, or an update answered). */
  watched(watch: WatchHandle): void;
  /** triggered says `watch`'s stream carried `event`. */
  triggered(watch: WatchHandle, event: AlertTriggered): void;
  /** changed says the store changed: alerts to set or to remove. */
  changed(): void;
}

/** Early AlertTriggered events kept while their SetAlert answer is on its way; more is a bug. */
const MAX_EARLY = 100;

/** createAlertSync makes the sync over `store`, calling the server through `client`. */
export function createAlertSync(options: { client: Client<typeof PriceService>; store: AlertStore; log: Logger }): AlertSync {
  const { client, store, log } = options;
  let current: WatchHandle | undefined;
  /** ids maps the page's alert ids to the current watch's. */
  let ids = new Map<string, string>();
  /** early holds events for alert ids not known yet: the alert fired before SetAlert answered. */
  let early = new Map<string, AlertTriggered>();
  let running = false;
  let again = false;

  function fire(event: AlertTriggered, localId: string): void {
    ids.delete(localId);
    const at = event.quote?.observedAt === undefined ? Date.now() : timestampMs(event.quote.observedAt);
    store.fire(event.symbol, localId, event.quote?.price ?? "", at);
  }

  /** run brings the current watch in line, one call at a time; a call while it runs makes it go round again. */
  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (current !== undefined) await step(current);
      } while (again);
    } finally {
      running = false;
    }
  }

  async function step(watch: WatchHandle): Promise<void> {
    const watchId = watch.watchId;
    if (watchId === undefined) return;
    const signal = watch.controller.signal;
    const waiting = new Map<string, { symbol: string; alert: PriceAlert }>();
    for (const [symbol, list] of store.getSnapshot()) {
      for (const alert of list) if (isWaiting(alert)) waiting.set(alert.id, { symbol, alert });
    }
    for (const [localId, alertId] of ids) {
      if (waiting.has(localId)) continue;
      ids.delete(localId);
      // Removed by the person; an alert the server already dropped answers removed: false.
      await client.removeAlert({ watchId, alertId }, { signal }).catch((err: unknown) => log.warn(`cannot remove an alert: ${String(err)}`));
      if (watch !== current) return;
    }
    for (const [localId, { symbol, alert }] of waiting) {
      if (ids.has(localId) || !watch.server.has(symbol)) continue;
      try {
        const direction = alert.direction === "above" ? CrossDirection.ABOVE : CrossDirection.BELOW;
        const answer = await client.setAlert(
          { watchId, alert: { symbol, condition: { case: "cross", value: { direction, level: alert.level } } } },
          { signal },
        );
        if (watch !== current) return;
        ids.set(localId, answer.alertId);
        const fired = early.get(answer.alertId);
        early.delete(answer.alertId);
        if (fired !== undefined) fire(fired, localId);
      } catch (err) {
        if (watch !== current) return;
        const error = ConnectError.from(err);
        if (error.code === Code.InvalidArgument || error.code === Code.ResourceExhausted) {
          store.refuse(symbol, localId, error.rawMessage);
          continue;
        }
        // The ticker left the watch meanwhile, or the watch is in doubt: the next `watched` retries.
        log.warn(`cannot set an alert on ${symbol}: ${error.rawMessage}`);
        return;
      }
    }
  }

  return {
    watched(watch) {
      if (watch !== current) {
        current = watch;
        ids = new Map();
        early = new Map();
      }
      void run();
    },
    triggered(watch, event) {
      if (watch !== current) return;
      const localId = [...ids].find(([, alertId]) => alertId === event.alertId)?.[0];
      if (localId !== undefined) fire(event, localId);
      else if (early.size < MAX_EARLY) early.set(event.alertId, event);
    },
    changed() {
      void run();
    },
  };
}
