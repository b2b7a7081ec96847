/**
 * The ticker store's stream, internal to it: one Watch attempt at a time, kept up by the grid's
 * ReconnectLoop (backoff, online, waiting on UNAUTHENTICATED until `reopen` says the access token
 * changed), and the rows' symbols kept in step with the server's.
 */
import type { Client, ConnectError } from "@connectrpc/connect";
import type { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { BackoffPolicy } from "../../../lib/backoff.js";
import type { Logger } from "../../../lib/log.js";
import { ReconnectLoop } from "../../../lib/reconnect-loop.js";
import type { ConnectionState } from "../model/ticker.js";
import type { TickerRows } from "./ticker-rows.js";
import { WatchAttempt, type AttemptDeps } from "./watch-attempt.js";
import type { AlertSync } from "./alert-sync.js";
import { applyTickerEvent, type Priced } from "./watch-events.js";
import { isRefusal, syncWatch, type WatchSyncDeps } from "./watch-sync.js";

/** Failed attempts in a row after which the connection reads "offline" rather than "reconnecting". */
const OFFLINE_AFTER = 3;

/** WatchConnectionOptions are the connection's dependencies; the store fills in the defaults. */
export interface WatchConnectionOptions {
  readonly client: Client<typeof PriceService>;
  /** rows are the store's: the connection watches their symbols and marks them interrupted. */
  readonly rows: TickerRows;
  readonly log: Logger;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly idleTimeoutMs: number;
  /** changed is called after `state` or the rows changed, for the store to publish. */
  changed(): void;
  /** renamed is called after the rows took a new default exchange from the server, for the store to save. */
  renamed(): void;
  /** reject marks `symbol` refused by the server (see {@link WatchSyncDeps.reject}). */
  reject(symbol: string, message: string): void;
  /** priced hears each new price of a held ticker, before the store publishes it. */
  priced: Priced;
  /** alerts, when given, hears what the current watch holds and the alerts it fired (alert-sync.ts). */
  alerts?: Pick<AlertSync, "watched" | "triggered"> | undefined;
}

/** WatchConnection runs from `start` to `stop`: the store's first listener to its last. */
export class WatchConnection {
  /** state is the connection as the page shows it. */
  state: ConnectionState = "offline";
  private readonly options: WatchConnectionOptions;
  private readonly attempts: AttemptDeps;
  private readonly sync: WatchSyncDeps;
  private readonly loop: ReconnectLoop;
  private current: WatchAttempt | undefined;
  // After Watch refused its symbols as a whole, open the next one empty and add them one by one,
  // so that a rejection names the symbol it is about.
  private watchAllAtOnce = true;

  constructor(options: WatchConnectionOptions) {
    const { client, rows, log } = options;
    this.options = options;
    const { backoff, random } = options;
    this.loop = new ReconnectLoop({ name: "stream", log, backoff, random, open: () => this.open() });
    this.attempts = {
      client,
      idleTimeoutMs: options.idleTimeoutMs,
      owner: {
        started: (attempt, symbols, defaultExchange) => this.started(attempt, symbols, defaultExchange),
        message: (event) => {
          if (event.case === "alertTriggered") {
            if (this.current !== undefined) options.alerts?.triggered(this.current, event.value);
            return;
          }
          if (applyTickerEvent(rows, event, log, options.priced)) options.changed();
        },
        ended: (attempt, error) => this.ended(attempt, error),
      },
    };
    this.sync = {
      client,
      rows,
      log,
      isCurrent: (attempt) => attempt === this.current,
      reject: options.reject,
      drop: (attempt, error) => this.drop(attempt, error),
      watched: (attempt) => options.alerts?.watched(attempt),
    };
  }

  /** start opens the first Watch. */
  start(): void {
    this.state = "connecting";
    this.loop.start();
    this.options.changed();
  }

  /** stop aborts the stream and cancels any pending retry; every price goes stale. */
  stop(): void {
    this.current?.close();
    this.current = undefined;
    this.loop.stop();
    this.options.rows.interruptAll();
    this.state = "offline";
    this.options.changed();
    this.options.log.info("stopped watching");
  }

  /**
   * reopen replaces the stream, or the wait for one, with a new Watch at once. The store calls it
   * when the access token changed: the only way out of "unauthenticated".
   */
  reopen(): void {
    if (this.current !== undefined) this.release(this.current, this.current.watchId !== undefined);
    this.options.log.info("access token changed: reconnecting");
    this.state = "connecting";
    this.loop.restart();
    this.options.changed();
  }

  /** syncRows sends what changed in the rows. Before the watch id arrives it waits: `started` syncs too. */
  syncRows(): void {
    if (this.current?.watchId !== undefined) void syncWatch(this.current, this.sync);
  }

  /** release closes `attempt`, the current one, and marks every price stale when `interrupt`. */
  private release(attempt: WatchAttempt, interrupt: boolean): void {
    attempt.close();
    this.current = undefined;
    if (interrupt) this.options.rows.interruptAll();
  }

  private open(): void {
    const attempt = new WatchAttempt(this.attempts, this.watchAllAtOnce ? this.options.rows.qualified() : []);
    this.current = attempt;
    void attempt.run();
  }

  private started(attempt: WatchAttempt, symbols: readonly string[], defaultExchange: string): void {
    // The server says what a bare ticker means; the rows take its names before the first sync.
    if (defaultExchange !== "" && this.options.rows.adoptDefault(defaultExchange)) this.options.renamed();
    this.loop.succeeded();
    this.watchAllAtOnce = true;
    this.state = "live";
    this.options.log.info(`connected: watching ${symbols.length} symbols`);
    this.options.changed();
    this.options.alerts?.watched(attempt);
    void syncWatch(attempt, this.sync);
  }

  private ended(attempt: WatchAttempt, error: ConnectError): void {
    if (attempt.watchId === undefined && isRefusal(error) && attempt.symbols.length > 1) {
      this.watchAllAtOnce = false;
    }
    this.drop(attempt, error);
  }

  /** drop gives `attempt` up and schedules the next one after a backoff. */
  private drop(attempt: WatchAttempt, error: ConnectError): void {
    if (attempt !== this.current) return;
    const next = this.loop.failed(error);
    if (next.kind === "locked") return this.lock(attempt);
    this.release(attempt, true);
    this.state = next.failures >= OFFLINE_AFTER || next.browserOffline ? "offline" : "reconnecting";
    this.options.changed();
  }

  /** lock gives `attempt` up for good: the loop does not retry until the token changes (see `reopen`). */
  private lock(attempt: WatchAttempt): void {
    // Tickers that never had a stream stay "loading": nothing was interrupted.
    this.release(attempt, attempt.watchId !== undefined);
    this.state = "unauthenticated";
    this.options.changed();
  }
}
