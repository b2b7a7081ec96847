/**
 * The watchdog that keeps a feed's page honest: a (re)loaded page must show a price within
 * `firstPriceTimeoutMs`, a live one must change within `silenceTimeoutMs`, and a failed load is
 * tried again after a doubling backoff until `maxAttempts` loads in a row have failed.
 * Internal to the scraper.
 */
import type { Logger } from "../log.js";
import { backoffDelay } from "./backoff.js";
import { NamedTimers } from "./named-timers.js";

/** FeedTiming holds the scraper's timeouts and retry budget; see ScraperOptions. */
export interface FeedTiming {
  readonly firstPriceTimeoutMs: number;
  readonly silenceTimeoutMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
}

/**
 * ReloadWatchdog owns a feed's timers and its count of failures in a row. When the page stays
 * blank or goes quiet it calls `timedOut` with the reason; deciding what to do is the feed's.
 * The owner must call clear() whenever the page it watches is interrupted or released.
 */
export class ReloadWatchdog {
  readonly #timers = new NamedTimers<"firstPrice" | "silence" | "reload">();
  readonly #timing: FeedTiming;
  readonly #log: Logger;
  readonly #timedOut: (reason: string) => void;
  #failures = 0;

  constructor(timing: FeedTiming, log: Logger, timedOut: (reason: string) => void) {
    this.#timing = timing;
    this.#log = log;
    this.#timedOut = timedOut;
  }

  /** failures counts the loads that failed in a row since the last accepted price. */
  get failures(): number {
    return this.#failures;
  }

  /** reloadPending is true while a reload waits out its backoff. */
  get reloadPending(): boolean {
    return this.#timers.has("reload");
  }

  /** pending counts armed timers; tests use it to prove a closed feed left none. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * loading starts the first-price clock for a page that now exists; `current` says whether the
   * load that armed it is still the feed's when it fires.
   */
  loading(current: () => boolean): void {
    this.#timers.set("firstPrice", this.#timing.firstPriceTimeoutMs, () => {
      if (current()) this.#timedOut("no price appeared on the page");
    });
  }

  /** heard: the page showed a price; the failure count resets and the silence clock restarts. */
  heard(): void {
    this.#failures = 0;
    this.#timers.clear("firstPrice");
    const { silenceTimeoutMs } = this.#timing;
    this.#timers.set("silence", silenceTimeoutMs, () => {
      this.#log.warn("page.silent", { silentMs: silenceTimeoutMs });
      // Like a person pressing F5 when the price freezes: TradingView's socket may have dropped.
      this.#timedOut(`the price did not change for ${silenceTimeoutMs} ms`);
    });
  }

  /**
   * failed counts one more failure and returns the backoff before the next load, or undefined
   * once the budget is spent (the feed has failed).
   */
  failed(): number | undefined {
    this.#failures++;
    if (this.#failures > this.#timing.maxAttempts) return undefined;
    return backoffDelay(this.#failures, this.#timing.backoffBaseMs);
  }

  /** reloadAfter runs `load` after `delayMs` unless clear() comes first. */
  reloadAfter(delayMs: number, load: () => void): void {
    this.#timers.set("reload", delayMs, load);
  }

  /** clear cancels every timer; the failure count stays. */
  clear(): void {
    this.#timers.clear();
  }
}
