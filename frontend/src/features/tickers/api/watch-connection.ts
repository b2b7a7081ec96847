/**
 * The reconnect loop, internal to the ticker store: one Watch attempt at a time, the next one
 * after a backoff when it ends, at once when the browser comes back online. On UNAUTHENTICATED it
 * waits instead, without retrying, until `reopen` says the access token changed.
 */
import { Code, type Client, type ConnectError } from "@connectrpc/connect";
import type { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { backoffDelay, type BackoffPolicy } from "../../../lib/backoff.js";
import type { Logger } from "../../../lib/log.js";
import type { ConnectionState } from "../model/ticker.js";
import type { TickerRows } from "./ticker-rows.js";
import { WatchAttempt, type AttemptDeps } from "./watch-attempt.js";
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
}

/** WatchConnection runs from `start` to `stop`: the store's first listener to its last. */
export class WatchConnection {
  /** state is the connection as the page shows it. */
  state: ConnectionState = "offline";
  private readonly options: WatchConnectionOptions;
  private readonly attempts: AttemptDeps;
  private readonly sync: WatchSyncDeps;
  private current: WatchAttempt | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  // After Watch refused its symbols as a whole, open the next one empty and add them one by one,
  // so that a rejection names the symbol it is about.
  private watchAllAtOnce = true;

  constructor(options: WatchConnectionOptions) {
    const { client, rows, log } = options;
    this.options = options;
    this.attempts = {
      client,
      idleTimeoutMs: options.idleTimeoutMs,
      owner: {
        started: (attempt, symbols, defaultExchange) => this.started(attempt, symbols, defaultExchange),
        message: (event) => {
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
    };
  }

  /** start opens the first Watch. */
  start(): void {
    globalThis.addEventListener?.("online", this.retryNow);
    this.connectNow();
  }

  /** stop aborts the stream and cancels any pending retry; every price goes stale. */
  stop(): void {
    this.current?.close();
    this.current = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    globalThis.removeEventListener?.("online", this.retryNow);
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
    clearTimeout(this.retryTimer);
    this.options.log.info("access token changed: reconnecting");
    this.connectNow();
  }

  /** syncRows sends what changed in the rows. Before the watch id arrives it waits: `started` syncs too. */
  syncRows(): void {
    if (this.current?.watchId !== undefined) void syncWatch(this.current, this.sync);
  }

  /** connectNow opens a Watch at once, as a first attempt: no failures counted yet. */
  private connectNow(): void {
    this.failures = 0;
    this.state = "connecting";
    this.open();
    this.options.changed();
  }

  /** release closes `attempt`, the current one, and marks every price stale when `interrupt`. */
  private release(attempt: WatchAttempt, interrupt: boolean): void {
    attempt.close();
    this.current = undefined;
    if (interrupt) this.options.rows.interruptAll();
  }

  private open(): void {
    this.retryTimer = undefined;
    const attempt = new WatchAttempt(this.attempts, this.watchAllAtOnce ? this.options.rows.qualified() : []);
    this.current = attempt;
    void attempt.run();
  }

  private started(attempt: WatchAttempt, symbols: readonly string[], defaultExchange: string): void {
    // The server says what a bare ticker means; the rows take its names before the first sync.
    if (defaultExchange !== "" && this.options.rows.adoptDefault(defaultExchange)) this.options.renamed();
    this.failures = 0;
    this.watchAllAtOnce = true;
    this.state = "live";
    this.options.log.info(`connected: watching ${symbols.length} symbols`);
    this.options.changed();
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
    if (error.code === Code.Unauthenticated) return this.lock(attempt);
    this.release(attempt, true);
    const delay = backoffDelay(this.options.backoff, this.failures, this.options.random());
    this.failures += 1;
    const browserOffline = globalThis.navigator?.onLine === false;
    this.state = this.failures >= OFFLINE_AFTER || browserOffline ? "offline" : "reconnecting";
    this.options.log.warn(
      `stream lost (${Code[error.code]}: ${error.rawMessage}); reconnecting in ${(delay / 1000).toFixed(1)} s`,
    );
    this.retryTimer = setTimeout(() => this.open(), delay);
    this.options.changed();
  }

  /**
   * lock stops on UNAUTHENTICATED without a retry: retrying cannot help until the token changes,
   * and a page left open must not knock on the server's door every 30 s. See `reopen`.
   */
  private lock(attempt: WatchAttempt): void {
    // Tickers that never had a stream stay "loading": nothing was interrupted.
    this.release(attempt, attempt.watchId !== undefined);
    this.state = "unauthenticated";
    this.options.log.warn("stream refused (Unauthenticated): waiting for an access token");
    this.options.changed();
  }

  /** retryNow skips the wait for a pending retry: the browser just came back online. */
  private readonly retryNow = (): void => {
    if (this.retryTimer === undefined) return;
    clearTimeout(this.retryTimer);
    this.open();
  };
}
