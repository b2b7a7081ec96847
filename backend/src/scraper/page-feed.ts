/**
 * One symbol's page: open it, hear its reports, and keep it alive through errors, silence, crashes
 * and browser restarts until it is closed or reaches a final state.
 */
import type { BrowserContext, Page } from "playwright";
import type { Feed, FeedSink, FeedState } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import { backoffDelay } from "./backoff.js";
import { NamedTimers } from "./named-timers.js";
import type { OpenLimiter } from "./open-limiter.js";
import type { PageReport } from "./page-report.js";
import { PriceGate } from "./price-gate.js";

/** FeedTiming holds the scraper's timeouts and retry budget; see ScraperOptions. */
export interface FeedTiming {
  readonly firstPriceTimeoutMs: number;
  readonly silenceTimeoutMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
}

/** PageFeedDeps is what a feed borrows from its scraper; the scraper owns all of it. */
export interface PageFeedDeps {
  readonly url: string;
  readonly sink: FeedSink;
  readonly context: () => Promise<BrowserContext>;
  /** openPage and closePage make and end the feed's pages; closePage never rejects. */
  readonly openPage: (context: BrowserContext) => Promise<Page>;
  readonly closePage: (page: Page) => Promise<void>;
  readonly limiter: OpenLimiter;
  readonly timing: FeedTiming;
  readonly log: Logger;
  /** adopt and disown keep the scraper's page → feed map, which routes page reports. */
  readonly adopt: (page: Page, feed: PageFeed) => void;
  readonly disown: (page: Page) => void;
  /** released is called once when the feed holds nothing any more (closed, not found or failed). */
  readonly released: (feed: PageFeed) => void;
}

const noop = (): void => undefined;

/**
 * PageFeed implements Feed for one symbol over one page that it owns and closes. Every async step
 * carries the generation it started in; a reload, a crash, a lost browser or close() bumps it, so
 * work from an older load can never touch the feed. Internal to the scraper.
 */
export class PageFeed implements Feed {
  readonly #deps: PageFeedDeps;
  readonly #log: Logger;
  readonly #gate = new PriceGate();
  #page: Page | undefined;
  #opening: Promise<Page> | undefined;
  #generation = 0;
  #failures = 0;
  #state: FeedState = "loading";
  #done = false; // closed, not_found or failed: the sink hears nothing more
  #closed: Promise<void> | undefined;
  readonly #timers = new NamedTimers<"firstPrice" | "silence" | "retry">();

  constructor(deps: PageFeedDeps) {
    this.#deps = deps;
    this.#log = deps.log;
  }

  /** start announces `loading` and opens the page. Called once, by the scraper. */
  start(): void {
    this.#deps.sink.state("loading");
    void this.#load(this.#generation);
  }

  /** close releases the page; the sink is not called again. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.#release();
    return this.#closed;
  }

  /** report handles what the feed's page sent through the observer binding. */
  report(page: Page, report: PageReport): void {
    // A report that races a pending reload comes from the page being replaced.
    if (this.#done || page !== this.#page || this.#timers.has("retry")) return;
    if (report.kind === "not_found") {
      this.#finish("not_found", "TradingView shows its page-not-found page for this symbol");
      return;
    }
    const step = this.#gate.offer(report.text, report.via, report);
    if (step.ignored) {
      this.#log.debug("price.ignored", { reason: step.ignored, text: report.text, hook: report.hook });
      return;
    }
    if (report.via === "fallback") this.#log.warn("price.fallback", { hook: report.hook, text: report.text });
    this.#failures = 0;
    this.#timers.clear("firstPrice");
    this.#armSilenceWatchdog();
    if (step.live) this.#setState("live");
    if (step.quote !== null) this.#deps.sink.observation({ ...step.quote, observedAt: new Date() });
  }

  /** browserLost drops the dead page and reopens in the relaunched browser; not a failure. */
  browserLost(): void {
    if (this.#done) return;
    const generation = this.#interrupt();
    this.#forgetPage();
    this.#setState("reconnecting", "the browser restarted");
    void this.#load(generation);
  }

  async #load(generation: number): Promise<void> {
    let release = noop;
    try {
      const context = await this.#deps.context();
      if (generation !== this.#generation) return;
      release = await this.#deps.limiter.acquire();
      if (generation !== this.#generation) return;
      if (this.#page?.isClosed()) this.#forgetPage();
      const page = this.#page ?? (await this.#openPage(context, generation));
      if (!page) return;
      // The clock starts once the page exists: waiting for a slot or a relaunch is not the page's fault.
      this.#armFirstPriceTimer(generation);
      const response = await page.goto(this.#deps.url, {
        waitUntil: "domcontentloaded",
        timeout: this.#deps.timing.firstPriceTimeoutMs,
      });
      if (generation !== this.#generation) return;
      const status = response?.status() ?? 0;
      this.#log.info("page.navigated", { url: this.#deps.url, status, attempt: this.#failures });
      if (status === 404) this.#finish("not_found", "TradingView has no page for this symbol");
      else if (status >= 400) this.#retry(`the page answered HTTP ${status}`);
    } catch (error) {
      if (generation !== this.#generation || this.#done) return;
      this.#log.warn("page.load_failed", { error });
      this.#retry("the page did not load");
    } finally {
      release();
    }
  }

  async #openPage(context: BrowserContext, generation: number): Promise<Page | undefined> {
    this.#opening = this.#deps.openPage(context);
    const page = await this.#opening.finally(() => (this.#opening = undefined));
    if (generation !== this.#generation) {
      await this.#deps.closePage(page);
      return undefined;
    }
    this.#page = page;
    this.#deps.adopt(page, this);
    page.on("crash", this.#onCrash);
    this.#log.info("page.opened", { url: this.#deps.url });
    return page;
  }

  readonly #onCrash = (page: Page): void => {
    if (this.#done || page !== this.#page) return;
    this.#log.warn("page.crashed", { url: this.#deps.url });
    // A crashed page cannot navigate again: close it, and the retry opens a fresh one.
    const crashed = this.#forgetPage();
    if (crashed) void this.#deps.closePage(crashed);
    this.#retry("the page crashed");
  };

  #retry(reason: string): void {
    const generation = this.#interrupt();
    this.#failures++;
    if (this.#failures > this.#deps.timing.maxAttempts) {
      this.#finish("failed", `${reason}; gave up after ${this.#failures} attempts`);
      return;
    }
    const delayMs = backoffDelay(this.#failures, this.#deps.timing.backoffBaseMs);
    this.#log.warn("page.retry", { reason, attempt: this.#failures, delayMs });
    this.#setState("reconnecting", reason);
    this.#timers.set("retry", delayMs, () => void this.#load(generation));
  }

  #finish(state: "not_found" | "failed", detail: string): void {
    this.#log.warn(state === "failed" ? "feed.failed" : "feed.not_found", { detail });
    this.#setState(state, detail);
    void this.close();
  }

  async #release(): Promise<void> {
    this.#done = true;
    this.#interrupt();
    const page = this.#forgetPage();
    const opening = this.#opening;
    await Promise.all([
      page && this.#deps.closePage(page),
      // A page still being created would otherwise outlive the feed.
      opening?.then((late) => this.#deps.closePage(late), noop),
    ]);
    if (page) this.#log.info("page.closed", { url: this.#deps.url });
    this.#deps.released(this);
  }

  /** #interrupt invalidates in-flight work and timers and returns the new generation. */
  #interrupt(): number {
    this.#timers.clear();
    this.#gate.interrupted();
    return ++this.#generation;
  }

  #forgetPage(): Page | undefined {
    const page = this.#page;
    this.#page = undefined;
    if (page) {
      page.off("crash", this.#onCrash);
      this.#deps.disown(page);
    }
    return page;
  }

  #setState(state: FeedState, detail?: string): void {
    if (this.#state === state || this.#done) return;
    this.#state = state;
    this.#deps.sink.state(state, detail);
  }

  #armFirstPriceTimer(generation: number): void {
    this.#timers.set("firstPrice", this.#deps.timing.firstPriceTimeoutMs, () => {
      if (generation === this.#generation) this.#retry("no price appeared on the page");
    });
  }

  #armSilenceWatchdog(): void {
    const { silenceTimeoutMs } = this.#deps.timing;
    this.#timers.set("silence", silenceTimeoutMs, () => {
      this.#log.warn("page.silent", { silentMs: silenceTimeoutMs });
      // Like a person pressing F5 when the price freezes: TradingView's socket may have dropped.
      this.#retry(`the price did not change for ${silenceTimeoutMs} ms`);
    });
  }

  /** pendingTimers counts armed timers; tests use it to prove a closed feed left none. */
  pendingTimers(): number {
    return this.#timers.size;
  }
}
