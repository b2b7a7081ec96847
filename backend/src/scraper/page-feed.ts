/**
 * One symbol's page: open it, hear its reports, and keep it alive through errors, silence, crashes
 * and browser restarts until it is closed or reaches a final state. The page itself is held by
 * PageHolder, one load is page-load.ts, the clocks and the retry budget are ReloadWatchdog's; this
 * file decides what follows from each.
 */
import type { Page } from "playwright";
import type { Feed, FeedState } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import { PageHolder } from "./page-holder.js";
import type { PageFeedDeps } from "./page-feed-deps.js";
import { loadPage } from "./page-load.js";
import type { PageReport } from "./page-report.js";
import { PriceGate } from "./price-gate.js";
import { ReloadWatchdog } from "./reload-watchdog.js";

/**
 * PageFeed implements Feed for one symbol over one page that it owns and closes. Every async step
 * carries the generation it started in; a reload, a crash, a lost browser or close() bumps it, so
 * work from an older load can never touch the feed. Internal to the scraper.
 */
export class PageFeed implements Feed {
  readonly #deps: PageFeedDeps;
  readonly #log: Logger;
  readonly #gate = new PriceGate();
  readonly #page: PageHolder;
  readonly #watchdog: ReloadWatchdog;
  #generation = 0;
  #state: FeedState = "loading";
  /** #why is the reason for the next load: why the last page was lost or is being loaded again. */
  #why = "";
  #done = false; // closed, not_found or failed: the sink hears nothing more
  #closed: Promise<void> | undefined;

  constructor(deps: PageFeedDeps) {
    this.#deps = deps;
    this.#log = deps.log;
    this.#watchdog = new ReloadWatchdog(deps.timing, deps.log, (reason) => this.#retry(reason));
    this.#page = new PageHolder({
      open: deps.openPage,
      close: deps.closePage,
      adopt: (page) => deps.adopt(page, this),
      disown: deps.disown,
      crashed: (page) => this.#crashed(page),
    });
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
    if (this.#done || page !== this.#page.current || this.#watchdog.reloadPending) return;
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
    this.#watchdog.heard();
    if (step.live) this.#setState("live");
    if (step.quote !== null) this.#deps.sink.observation({ ...step.quote, observedAt: new Date() });
  }

  /** browserLost drops the dead page and reopens in the relaunched browser; not a failure. */
  browserLost(): void {
    if (this.#done) return;
    const generation = this.#interrupt();
    if (this.#page.forget()) this.#deps.pageEvent("page_closed", "the browser died");
    this.#why = "the browser restarted";
    this.#setState("reconnecting", "the browser restarted");
    void this.#load(generation);
  }

  /** pendingTimers counts armed timers; tests use it to prove a closed feed left none. */
  pendingTimers(): number {
    return this.#watchdog.pending;
  }

  async #load(generation: number): Promise<void> {
    const current = () => generation === this.#generation;
    const verdict = await loadPage({ deps: this.#deps, page: this.#page, watchdog: this.#watchdog, why: this.#why, current });
    if (!current() || this.#done) return;
    if (verdict.kind === "not_found") this.#finish("not_found", verdict.detail);
    else if (verdict.kind === "retry") this.#retry(verdict.reason);
  }

  #crashed(page: Page): void {
    if (this.#done) return;
    this.#log.warn("page.crashed", { url: this.#deps.url });
    // A crashed page cannot navigate again: close it, and the retry opens a fresh one.
    this.#page.forget();
    this.#deps.pageEvent("page_closed", "the page crashed");
    void this.#deps.closePage(page);
    this.#retry("the page crashed");
  }

  #retry(reason: string): void {
    const generation = this.#interrupt();
    const delayMs = this.#watchdog.failed();
    if (delayMs === undefined) {
      this.#finish("failed", `${reason}; gave up after ${this.#watchdog.failures} attempts`);
      return;
    }
    this.#why = reason;
    this.#log.warn("page.retry", { reason, attempt: this.#watchdog.failures, delayMs });
    this.#setState("reconnecting", reason);
    this.#watchdog.reloadAfter(delayMs, () => void this.#load(generation));
  }

  #finish(state: "not_found" | "failed", detail: string): void {
    this.#log.warn(state === "failed" ? "feed.failed" : "feed.not_found", { detail });
    this.#setState(state, detail);
    void this.close();
  }

  async #release(): Promise<void> {
    this.#done = true;
    this.#interrupt();
    const page = this.#page.forget();
    if (page) this.#deps.pageEvent("page_closed", "");
    await this.#page.closeWith(page);
    if (page) this.#log.info("page.closed", { url: this.#deps.url });
    this.#deps.released(this);
  }

  /** #interrupt invalidates in-flight work and timers and returns the new generation. */
  #interrupt(): number {
    this.#watchdog.clear();
    this.#gate.interrupted();
    return ++this.#generation;
  }

  #setState(state: FeedState, detail?: string): void {
    if (this.#state === state || this.#done) return;
    this.#state = state;
    this.#deps.sink.state(state, detail);
  }
}
