/**
 * The activity store's stream, internal to it: one StreamActivity call at a time, kept up by the
 * grid's ReconnectLoop (backoff, online, waiting on UNAUTHENTICATED until `reopen` says the token
 * changed).
 */
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import type { ActivityEvent, StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import type { BackoffPolicy } from "../../../lib/backoff.js";
import type { Logger } from "../../../lib/log.js";
import { ReconnectLoop } from "../../../lib/reconnect-loop.js";

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
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly loop: ReconnectLoop;

  constructor(options: ActivityConnectionOptions) {
    this.options = options;
    const { log, backoff, random } = options;
    this.loop = new ReconnectLoop({ name: "activity stream", log, backoff, random, open: () => this.open() });
  }

  /** start opens the stream. */
  start(): void {
    this.setState("connecting");
    this.loop.start();
  }

  /** stop aborts the stream and cancels any pending retry. Idempotent. */
  stop(): void {
    this.loop.stop();
    this.closeCurrent();
    this.setState("offline");
  }

  /** reopen replaces the stream, or the wait for one, at once: the access token changed. */
  reopen(): void {
    this.closeCurrent();
    this.setState("connecting");
    this.loop.restart();
  }

  private open(): void {
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
        this.loop.succeeded();
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
    const next = this.loop.failed(error);
    if (next.kind === "locked") this.setState("unauthenticated");
    else this.setState(next.browserOffline ? "offline" : "reconnecting");
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
}
