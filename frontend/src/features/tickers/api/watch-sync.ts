/**
 * The UpdateWatch queue, internal to the ticker store: brings what the server watches in line
 * with the rows, one call at a time, on the attempt's own watch.
 */
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import type { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { Logger } from "../../../lib/log.js";
import type { TickerRows } from "./ticker-rows.js";
import type { WatchAttempt } from "./watch-attempt.js";

/** WatchSyncDeps are what {@link syncWatch} reads and whom it tells. */
export interface WatchSyncDeps {
  readonly client: Client<typeof PriceService>;
  readonly rows: TickerRows;
  readonly log: Logger;
  /** isCurrent is false once `attempt` was replaced: its answers no longer count. */
  isCurrent(attempt: WatchAttempt): boolean;
  /** reject marks `symbol` refused by the server, with its message, and keeps it out from now on. */
  reject(symbol: string, message: string): void;
  /** drop gives the attempt up after a failure that is not about one symbol. */
  drop(attempt: WatchAttempt, error: ConnectError): void;
  /** watched hears that the server answered what `attempt` holds now (for the alerts on it). */
  watched?(attempt: WatchAttempt): void;
}

/**
 * syncWatch sends UpdateWatch calls until the server watches what the rows hold, or the attempt
 * is replaced. A second call while one runs returns at once: the running loop picks up whatever
 * changed meanwhile. Never rejects.
 */
export async function syncWatch(attempt: WatchAttempt, deps: WatchSyncDeps): Promise<void> {
  const { client, rows, log } = deps;
  if (attempt.syncing) return;
  attempt.syncing = true;
  try {
    while (deps.isCurrent(attempt) && attempt.watchId !== undefined) {
      const change = rows.nextChange(attempt.server);
      if (change === undefined) return;
      const { add, remove } = change;
      try {
        const response = await client.updateWatch(
          { watchId: attempt.watchId, add: add === undefined ? [] : [add], remove },
          { signal: attempt.controller.signal },
        );
        if (!deps.isCurrent(attempt)) return;
        attempt.server = new Set(response.symbols);
        if (remove !== undefined) {
          for (const symbol of remove) attempt.server.delete(symbol);
          log.info(`unsubscribed ${remove.join(", ")}`);
        } else if (attempt.server.has(add)) {
          log.info(`subscribed ${add}`);
        } else {
          deps.reject(add, "The server did not add it.");
        }
        deps.watched?.(attempt);
      } catch (err) {
        if (!deps.isCurrent(attempt)) return;
        const error = ConnectError.from(err);
        if (add !== undefined && isRefusal(error)) {
          deps.reject(add, error.rawMessage);
          continue;
        }
        // NOT_FOUND means the watch is gone; anything else puts the connection in doubt.
        // Either way a new Watch with the current tickers puts everything right, once it can
        // be authenticated (the connection waits for a token on UNAUTHENTICATED).
        deps.drop(attempt, error);
        return;
      }
    }
  } finally {
    attempt.syncing = false;
  }
}

/** isRefusal tells an error about the request's symbols, which retrying will not fix. */
export function isRefusal(error: ConnectError): boolean {
  return error.code === Code.InvalidArgument || error.code === Code.ResourceExhausted;
}
