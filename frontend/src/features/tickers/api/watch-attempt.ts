/**
 * One Watch call, internal to the ticker store: it opens the stream, reads it, gives it up when it
 * goes silent, and tells its owner how it started and how it ended. A new call is a new attempt;
 * a closed one is never reused and tells its owner nothing more.
 */
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import type { PriceService, WatchResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";

/** AttemptOwner hears what happens on an attempt until it closes it. */
export interface AttemptOwner {
  /**
   * started: the server confirmed the watch of `symbols`, and named its default exchange (empty
   * from a server too old to say); `watchId` and `server` are set.
   */
  started(attempt: WatchAttempt, symbols: readonly string[], defaultExchange: string): void;
  /** message: a quote, a status or a heartbeat arrived. */
  message(event: WatchResponse["event"]): void;
  /** ended: the stream failed, ended or went silent, as `error` says. The owner closes it. */
  ended(attempt: WatchAttempt, error: ConnectError): void;
}

/** AttemptDeps are shared by every attempt of one connection. */
export interface AttemptDeps {
  readonly client: Client<typeof PriceService>;
  /** idleTimeoutMs: a stream silent this long, heartbeats included, is taken as dead. */
  readonly idleTimeoutMs: number;
  readonly owner: AttemptOwner;
}

/** WatchAttempt is one call: make it, `run` it, and `close` it when it is replaced or given up. */
export class WatchAttempt {
  /** controller cancels the call and every UpdateWatch sent on it. */
  readonly controller = new AbortController();
  /** watchId is the server's id for this watch, from `started`. A capability: never log it. */
  watchId: string | undefined;
  /** server is what the server watches, as its last answer said. */
  server = new Set<string>();
  /** syncing is true while an UpdateWatch loop runs for this attempt: only one may. */
  syncing = false;
  /** symbols are what the Watch asks for; none, to add them one by one afterwards. */
  readonly symbols: readonly string[];
  private readonly deps: AttemptDeps;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: AttemptDeps, symbols: readonly string[]) {
    this.deps = deps;
    this.symbols = symbols;
  }

  /** closed is true once `close` was called: the owner replaced or gave up this attempt. */
  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /** run opens the call and reads it until it ends or is closed. Never rejects. */
  async run(): Promise<void> {
    const { client, owner } = this.deps;
    this.armIdleTimer();
    let failure: ConnectError;
    try {
      // Leaving this loop does not cancel the call; the abort in `close` does.
      const stream = client.watch({ symbols: [...this.symbols] }, { signal: this.controller.signal });
      for await (const response of stream) {
        if (this.closed) break;
        this.armIdleTimer();
        const event = response.event;
        if (event.case === "started") {
          this.watchId = event.value.watchId;
          this.server = new Set(event.value.symbols);
          owner.started(this, event.value.symbols, event.value.defaultExchange);
        } else {
          owner.message(event);
        }
      }
      failure = new ConnectError("the server ended the stream", Code.Unavailable);
    } catch (err) {
      failure = ConnectError.from(err);
    }
    if (this.closed) return;
    owner.ended(this, failure);
  }

  /** close cancels the call and its idle timer. Idempotent. */
  close(): void {
    this.controller.abort();
    clearTimeout(this.idleTimer);
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const ms = this.deps.idleTimeoutMs;
    this.idleTimer = setTimeout(() => {
      if (this.closed) return;
      this.deps.owner.ended(this, new ConnectError(`no message for ${Math.round(ms / 1000)} s`, Code.DeadlineExceeded));
    }, ms);
  }
}
