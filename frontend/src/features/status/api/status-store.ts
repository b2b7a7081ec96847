import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { backoffDelay, defaultBackoff, type BackoffPolicy } from "../../../lib/backoff.js";
import { consoleLogger, type Logger } from "../../../lib/log.js";
import type { StatusSnapshot } from "../model/symbol-status.js";
import { toStatusAnswer } from "./status-rows.js";
import { createFollower, createListeners } from "../../../lib/listeners.js";

/**
 * StatusStore holds the Status table: GetStatus, asked again every `intervalMs` while anyone
 * listens. Polling, because what the table shows changes without an activity event: a second
 * subscriber arriving, a price changing. `refresh` asks at once when an event says the table moved.
 */
export interface StatusStore {
  /**
   * subscribe registers `listener`. The first listener starts polling; when the last one leaves,
   * the call in flight is aborted, the next one cancelled, and the table forgotten.
   * @returns the function that unsubscribes; calling it twice is harmless.
   */
  subscribe(listener: () => void): () => void;
  /** getSnapshot returns the current state; the same object until something changes. */
  getSnapshot(): StatusSnapshot;
  /**
   * refresh asks now instead of at the next tick; a call in flight is followed by one more.
   * Nothing happens while nobody listens, or while the token is refused.
   */
  refresh(): void;
}

/** StatusStoreOptions are the store's dependencies; all but the transport have defaults. */
export interface StatusStoreOptions {
  transport: Transport;
  log?: Logger;
  /** intervalMs is the wait between an answer and the next call. */
  intervalMs?: number;
  /** backoff spaces the calls after failures (the tickers' policy). */
  backoff?: BackoffPolicy;
  random?: () => number;
  /** tokenChanges: as for the ticker store; a new token asks again at once. */
  tokenChanges?: (listener: () => void) => () => void;
}

const EMPTY: StatusSnapshot = { phase: "loading", symbols: [], server: undefined, updatedAtMs: undefined, problem: undefined };

/** createStatusStore makes the store. Nothing is asked until the first subscriber. */
export function createStatusStore(options: StatusStoreOptions): StatusStore {
  const client = createClient(StatusService, options.transport);
  const log = options.log ?? consoleLogger;
  const intervalMs = options.intervalMs ?? 2_000;
  const backoff = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const listeners = createListeners(start, stop);
  let snapshot = EMPTY;
  let running = false;
  let inFlight: AbortController | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const tokens = createFollower(options.tokenChanges, () => {
    failures = 0;
    askNow();
  });

  function publish(next: StatusSnapshot): void {
    snapshot = next;
    listeners.notify();
  }

  async function poll(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const controller = new AbortController();
    inFlight = controller;
    let wait = intervalMs;
    try {
      const response = await client.getStatus({}, { signal: controller.signal, timeoutMs: 10_000 });
      if (controller.signal.aborted) return;
      failures = 0;
      publish({ ...toStatusAnswer(response), phase: "ok", problem: undefined });
    } catch (err) {
      if (controller.signal.aborted) return;
      const error = ConnectError.from(err);
      if (error.code === Code.Unauthenticated) {
        log.warn("status refused (Unauthenticated): waiting for an access token");
        inFlight = undefined;
        return publish({ ...snapshot, phase: "unauthenticated", problem: undefined });
      }
      wait = backoffDelay(backoff, failures, random());
      failures += 1;
      log.warn(`status unavailable (${Code[error.code]}: ${error.rawMessage}); asking again in ${(wait / 1000).toFixed(1)} s`);
      publish({ ...snapshot, phase: "retrying", problem: error.rawMessage });
    }
    inFlight = undefined;
    if (again) wait = 0;
    again = false;
    timer = setTimeout(() => void poll(), wait);
  }

  function askNow(): void {
    if (inFlight !== undefined) {
      again = true;
      return;
    }
    void poll();
  }

  function start(): void {
    running = true;
    tokens.start();
    void poll();
  }

  function stop(): void {
    running = false;
    tokens.stop();
    inFlight?.abort();
    inFlight = undefined;
    again = false;
    clearTimeout(timer);
    timer = undefined;
    snapshot = EMPTY;
  }

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => snapshot,
    refresh() {
      if (running && snapshot.phase !== "unauthenticated") askNow();
    },
  };
}
