/**
 * The activity store's stream, internal to it: one StreamActivity call at a time, the next after
 * a backoff when it ends (the tickers' policy), at once when the browser comes back online. On
 * UNAUTHENTICATED it waits instead, without retrying, until `reopen` says the token changed.
 */
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import type { ActivityEvent, StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { backoffDelay, type BackoffPolicy } from "../../../lib/backoff.js";
import type { Logger } from "../../../lib/log.js";

/** LinkState is the activity stream as the page shows it. */
export type LinkState = "connecting" | "live" | "reconnecting" | "unauthenticated" | "offline";

/** ActivityConnectionOptions are the connection's dependencies; the store fills in the defaults. */
export interface ActivityConnectionOptions {
  readonly client: Client<typeof StatusService>;
  readonly log: Logger;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** idleTimeoutMs: a stream silent this long, heartbeats included, is taken as dead. */
  readonly idleTimeoutMs: number;
  /** received gets each event, replayed or live, in the order the server sent them. */
  received(event: ActivityEvent): void;
  /** changed is called after `state` changed. */
  changed(): void;
}

/** ActivityConnection runs from `start` to `stop`: the store's first listener to its last. */
export class ActivityConnection {
  state: LinkState = "offline";
  private readonly options: ActivityConnectionOptions;
  /** current cancels the open call; undefined between calls. */
  private current: AbortController | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;

  constructor(options: ActivityConnectionOptions) {
    this.options = options;
  }

  /** start opens the stream. */
  start(): void {
    globalThis.addEventListener?.("online", this.retryNow);
    this.connectNow();
  }

  /** stop aborts the stream and cancels any pending retry. Idempotent. */
  stop(): void {
    globalThis.removeEventListener?.("online", this.retryNow);
    this.closeCurrent();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setState("offline");
  }

  /** reopen replaces the stream, or the wait for one, at once: the access token changed. */
  reopen(): void {
    this.closeCurrent();
    clearTimeout(this.retryTimer);
    this.connectNow();
  }

  private connectNow(): void {
    this.failures = 0;
    this.setState("connecting");
    this.open();
  }

  private open(): void {
    this.retryTimer = undefined;
    const controller = new AbortController();
    this.current = controller;
    void this.read(controller);
  }

  /** read runs one call until it ends or is aborted. Never rejects. */
  private async read(controller: AbortController): Promise<void> {
    const { signal } = controller;
    this.armIdleTimer(controller);
    let failure: ConnectError;
    try {
      // Leaving this loop does not cancel the call; aborting `controller` does.
      for await (const response of this.options.client.streamActivity({}, { signal })) {
        if (signal.aborted) break;
        this.armIdleTimer(controller);
        this.failures = 0;
        this.setState("live");
        if (response.event.case === "activity") this.options.received(response.event.value);
      }
      failure = new ConnectError("the server ended the stream", Code.Unavailable);
    } catch (err) {
      failure = ConnectError.from(err);
    }
    if (!signal.aborted) this.drop(controller, failure);
  }

  /** drop gives up the call `controller` runs and, unless the token is the trouble, retries later. */
  private drop(controller: AbortController, error: ConnectError): void {
    if (controller !== this.current) return;
    this.closeCurrent();
    if (error.code === Code.Unauthenticated) {
      this.options.log.warn("activity stream refused (Unauthenticated): waiting for an access token");
      return this.setState("unauthenticated");
    }
    const delay = backoffDelay(this.options.backoff, this.failures, this.options.random());
    this.failures += 1;
    this.options.log.warn(
      `activity stream lost (${Code[error.code]}: ${error.rawMessage}); reconnecting in ${(delay / 1000).toFixed(1)} s`,
    );
    this.retryTimer = setTimeout(() => this.open(), delay);
    this.setState(globalThis.navigator?.onLine === false ? "offline" : "reconnecting");
  }

  private closeCurrent(): void {
    this.current?.abort();
    this.current = undefined;
    clearTimeout(this.idleTimer);
  }

  private armIdleTimer(controller: AbortController): void {
    clearTimeout(this.idleTimer);
    const ms = this.options.idleTimeoutMs;
    this.idleTimer = setTimeout(() => {
      this.drop(controller, new ConnectError(`no message for ${Math.round(ms / 1000)} s`, Code.DeadlineExceeded));
    }, ms);
  }

  private setState(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.changed();
  }

  /** retryNow skips the wait for a pending retry: the browser just came back online. */
  private readonly retryNow = (): void => {
    if (this.retryTimer === undefined) return;
    clearTimeout(this.retryTimer);
    this.open();
  };
}
