/**
 * The reconnect loop the grid's streams share: one attempt at a time, the next one after a backoff
 * when it fails, at once when the browser comes back online. On UNAUTHENTICATED it does not retry:
 * retrying cannot help until the access token changes, and a page left open must not knock on the
 * server's door every 30 s; the owner calls `restart` when the token changed.
 */
import { Code, type ConnectError } from "@connectrpc/connect";
import { backoffDelay, type BackoffPolicy } from "./backoff.js";
import type { Logger } from "./log.js";

/** ReconnectLoopOptions are the loop's dependencies. */
export interface ReconnectLoopOptions {
  /** name of the stream in log lines, such as "stream" or "activity stream". */
  readonly name: string;
  readonly log: Logger;
  readonly backoff: BackoffPolicy;
  /** random returns a number in [0, 1) for the backoff's jitter. */
  readonly random: () => number;
  /** open starts one attempt; the loop calls it on `start`, `restart` and when a retry is due. */
  readonly open: () => void;
}

/**
 * NextStep is what the loop does after a failure: `locked` (the access token was refused; no retry
 * until `restart`), or `retrying` after `delayMs`, with `failures` in a row counted so far and
 * whether the browser says it is offline.
 */
export type NextStep =
  | { readonly kind: "locked" }
  | { readonly kind: "retrying"; readonly delayMs: number; readonly failures: number; readonly browserOffline: boolean };

/** ReconnectLoop keeps the retry timer and the count of failures in a row; its owner keeps the attempt. */
export class ReconnectLoop {
  readonly #options: ReconnectLoopOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;

  constructor(options: ReconnectLoopOptions) {
    this.#options = options;
  }

  /** start listens for the browser coming back online and opens the first attempt. */
  start(): void {
    globalThis.addEventListener?.("online", this.#retryNow);
    this.restart();
  }

  /** stop cancels any pending retry and stops listening. Idempotent; `start` may follow. */
  stop(): void {
    globalThis.removeEventListener?.("online", this.#retryNow);
    this.#cancel();
  }

  /** restart cancels any pending retry and opens an attempt at once, as a first one: no failures counted. */
  restart(): void {
    this.#cancel();
    this.#failures = 0;
    this.#options.open();
  }

  /** succeeded says the attempt got through: the next failure waits the shortest backoff again. */
  succeeded(): void {
    this.#failures = 0;
  }

  /**
   * failed says the current attempt ended with `error`; the owner has let it go or is about to.
   * The loop logs why and schedules the next attempt unless the token was refused.
   */
  failed(error: ConnectError): NextStep {
    const { name, log, backoff, random } = this.#options;
    this.#cancel();
    if (error.code === Code.Unauthenticated) {
      log.warn(`${name} refused (Unauthenticated): waiting for an access token`);
      return { kind: "locked" };
    }
    const delayMs = backoffDelay(backoff, this.#failures, random());
    this.#failures += 1;
    log.warn(`${name} lost (${Code[error.code]}: ${error.rawMessage}); reconnecting in ${(delayMs / 1000).toFixed(1)} s`);
    this.#timer = setTimeout(this.#due, delayMs);
    return { kind: "retrying", delayMs, failures: this.#failures, browserOffline: globalThis.navigator?.onLine === false };
  }

  readonly #due = (): void => {
    this.#timer = undefined;
    this.#options.open();
  };

  /** #retryNow skips the wait for a pending retry: the browser just came back online. */
  readonly #retryNow = (): void => {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#due();
  };

  #cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
