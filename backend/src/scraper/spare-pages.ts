/**
 * Spare pages: blank tabs opened ahead of need, request blocking already installed, so a cold
 * symbol skips the slowest part of its open. Measured on a busy 2-core machine, creating a tab
 * with its CDP session took 250–1,900 ms, as long as or longer than the navigation itself; ten
 * cold symbols at once queued behind each other's tab creation. Internal to the scraper.
 */
import type { BrowserContext, Page } from "playwright";
import type { Logger } from "../log.js";

/**
 * REFILLS_AT_ONCE bounds the spares being created at the same time: creating a tab is CPU work, and
 * a burst of symbols may arrive while the pool refills.
 */
const REFILLS_AT_ONCE = 2;

/** SparePagesDeps is what the pool borrows from the browser session. */
export interface SparePagesDeps {
  /** size is how many spares to keep; 0 turns the pool off. */
  readonly size: number;
  readonly open: (context: BrowserContext) => Promise<Page>;
  /** close never rejects. */
  readonly close: (page: Page) => Promise<void>;
  /**
   * quiet resolves when no symbol is opening cold (QuietGate): each spare starts only then and takes
   * no open slot, so a refill never holds a slot, or the CPU, that a symbol's page is waiting for.
   */
  readonly quiet: () => Promise<void>;
  readonly logger: Logger;
  /**
   * refillDelayMs after the last take before spares are opened again: cold symbols come in bursts
   * (a page of tickers), and a refill queued among them would hold a slot one of them is waiting for.
   */
  readonly refillDelayMs?: number;
}

/**
 * SparePages keeps up to `size` blank pages per context. A page it hands out belongs to the
 * taker; the pool then opens a replacement in the background.
 */
export class SparePages {
  readonly #deps: SparePagesDeps;
  #context: BrowserContext | undefined;
  #spares: Page[] = [];
  #filling = 0;
  #stopped = false;
  #refill: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: SparePagesDeps) {
    this.#deps = deps;
  }

  /**
   * take hands out a ready spare of `context`, or undefined when there is none, and starts a refill.
   * Spares of an older context (before a browser relaunch) are dropped.
   */
  take(context: BrowserContext): Page | undefined {
    this.#use(context);
    let page: Page | undefined;
    while (!page && this.#spares.length > 0) {
      const candidate = this.#spares.shift()!;
      if (!candidate.isClosed()) page = candidate;
    }
    clearTimeout(this.#refill);
    this.#refill = setTimeout(() => this.fill(context), this.#deps.refillDelayMs ?? 1_000);
    return page;
  }

  /**
   * fill opens spares in the background, REFILLS_AT_ONCE at a time, until `size` are ready. Never
   * throws; a failed open ends the round (the browser is going away), the next take or relaunch
   * fills again.
   */
  fill(context: BrowserContext): void {
    this.#use(context);
    while (!this.#stopped && this.#filling < REFILLS_AT_ONCE && this.#spares.length + this.#filling < this.#deps.size) {
      this.#filling++;
      void this.#openOne(context).then((opened) => {
        this.#filling--;
        if (opened && this.#context === context) this.fill(context);
      });
    }
  }

  /** stop closes every spare and opens no more. Idempotent; resolves once they are closed. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#refill);
    const spares = this.#spares;
    this.#spares = [];
    await Promise.all(spares.map((page) => this.#deps.close(page)));
  }

  /** #use switches to `context`; spares of an older one belong to a dead browser and are forgotten. */
  #use(context: BrowserContext): void {
    if (this.#context === context) return;
    this.#context = context;
    this.#spares = [];
  }

  /** #openOne opens one spare once no page open is under way; true when it added one. */
  async #openOne(context: BrowserContext): Promise<boolean> {
    await this.#deps.quiet();
    try {
      if (this.#stopped || this.#context !== context) return false;
      const page = await this.#deps.open(context);
      if (this.#stopped || this.#context !== context) {
        await this.#deps.close(page);
        return false;
      }
      this.#spares.push(page);
      // A spare whose renderer dies (out of memory, say) would fail the symbol that takes it.
      page.once("crash", () => {
        // A spare already handed out belongs to its taker, whose feed handles the crash.
        if (!this.#spares.includes(page)) return;
        this.#spares = this.#spares.filter((spare) => spare !== page);
        void this.#deps.close(page);
        this.fill(context);
      });
      return true;
    } catch (error) {
      // The browser went away or is closing; the next take() or relaunch fills again.
      this.#deps.logger.debug("page.spare_failed", { error });
      return false;
    }
  }
}
