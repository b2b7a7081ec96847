/**
 * One server's activity: the log, the symbol board, and the entry points each part feeds. The hub
 * and the scraper feed it through their own observer hooks; the rpc layer and main call it.
 */
import type { HubObserver } from "../hub/hub.js";
import type { ScraperEventListener } from "../scraper/scraper-events.js";
import { createActivityLog, type ActivityLog } from "./activity-log.js";
import { createCoalescer } from "./coalescer.js";
import { createHubActivity } from "./hub-activity.js";
import { createScraperActivity } from "./scraper-activity.js";
import { createSymbolBoard, type SymbolBoard } from "./symbol-board.js";

/** REFUSAL_WINDOW_MS: repeated refusals are folded into one event per this many ms. */
const REFUSAL_WINDOW_MS = 10_000;
const UNAUTHENTICATED_KEY = "unauthenticated";

/** Activity is created once per server, before the hub; `close` it on shutdown. */
export interface Activity {
  readonly log: ActivityLog;
  readonly board: SymbolBoard;
  /** hubObserver goes into HubOptions.observer (composed with others). */
  readonly hubObserver: HubObserver;
  /** scraperEvent goes into ScraperOptions.onEvent. */
  readonly scraperEvent: ScraperEventListener;
  /** streamRefused records a refused stream; `reason` names the limit and must hold no client data. */
  streamRefused(reason: string): void;
  /** unauthenticated counts a request without a valid token; nothing of the request is kept. */
  unauthenticated(): void;
  /** shutdown records that a planned shutdown began. */
  shutdown(): void;
  /** close drops the refusal counters' timers. Idempotent. */
  close(): void;
}

/** ActivityOptions: the clock and the refusal window, for tests. */
export interface ActivityOptions {
  readonly now?: () => Date;
  readonly refusalWindowMs?: number;
}

/** createActivity makes an empty log and board. */
export function createActivity(options: ActivityOptions = {}): Activity {
  const now = options.now ?? (() => new Date());
  const log = createActivityLog(undefined, now);
  const board = createSymbolBoard();
  const windowSeconds = Math.round((options.refusalWindowMs ?? REFUSAL_WINDOW_MS) / 1000);
  const refusals = createCoalescer(options.refusalWindowMs ?? REFUSAL_WINDOW_MS, (key, count) => {
    if (key === UNAUTHENTICATED_KEY) {
      const message =
        count === 1
          ? "a request without a valid API token was refused"
          : `${count} more requests without a valid API token were refused in ${windowSeconds} s`;
      log.record("unauthenticated", "", message, count);
      return;
    }
    const reason = key.slice("refused:".length);
    const message = count === 1 ? `stream refused: ${reason}` : `${count} more streams refused in ${windowSeconds} s: ${reason}`;
    log.record("stream_refused", "", message, count);
  });
  return {
    log,
    board,
    hubObserver: createHubActivity(log, board, now),
    scraperEvent: createScraperActivity(log, board, now),
    streamRefused: (reason) => refusals.hit(`refused:${reason}`),
    unauthenticated: () => refusals.hit(UNAUTHENTICATED_KEY),
    shutdown: () => void log.record("shutdown", "", "the server is shutting down; every stream ends with UNAVAILABLE"),
    close: () => refusals.close(),
  };
}
