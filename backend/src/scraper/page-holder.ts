/**
 * The one page a feed owns at a time: opening it (and closing one that arrives after it stopped
 * being wanted), hearing its crash, forgetting it when it is lost, and closing what is left.
 * Internal to the scraper.
 */
import type { BrowserContext, Page } from "playwright";

/** PageHolderHooks are what the holder borrows from its feed and scraper. */
export interface PageHolderHooks {
  /** open and close make and end pages; close never rejects. */
  readonly open: (context: BrowserContext) => Promise<Page>;
  readonly close: (page: Page) => Promise<void>;
  /** adopt and disown keep the scraper's page → feed map, which routes page reports. */
  readonly adopt: (page: Page) => void;
  readonly disown: (page: Page) => void;
  /** crashed hears a crash of the page held now (never of one already forgotten). */
  readonly crashed: (page: Page) => void;
}

const noop = (): void => undefined;

/** PageHolder holds a feed's current page and the one being opened, if any. */
export class PageHolder {
  readonly #hooks: PageHolderHooks;
  #page: Page | undefined;
  #opening: Promise<Page> | undefined;

  constructor(hooks: PageHolderHooks) {
    this.#hooks = hooks;
  }

  /** current is the page held now, if any. */
  get current(): Page | undefined {
    return this.#page;
  }

  /**
   * open makes a page and holds it, unless `wanted` says by then that it is not (the feed moved on
   * while the page was being made): that page is closed and open resolves undefined.
   */
  async open(context: BrowserContext, wanted: () => boolean): Promise<Page | undefined> {
    this.#opening = this.#hooks.open(context);
    const page = await this.#opening.finally(() => (this.#opening = undefined));
    if (!wanted()) {
      await this.#hooks.close(page);
      return undefined;
    }
    this.#page = page;
    this.#hooks.adopt(page);
    page.on("crash", this.#onCrash);
    return page;
  }

  /** forget lets the current page go without closing it and returns it, if there was one. */
  forget(): Page | undefined {
    const page = this.#page;
    this.#page = undefined;
    if (page) {
      page.off("crash", this.#onCrash);
      this.#hooks.disown(page);
    }
    return page;
  }

  /** closeWith closes `page` (one just forgotten) and any page still being opened. Never rejects. */
  async closeWith(page: Page | undefined): Promise<void> {
    const opening = this.#opening;
    await Promise.all([
      page && this.#hooks.close(page),
      // A page still being created would otherwise outlive the feed.
      opening?.then((late) => this.#hooks.close(late), noop),
    ]);
  }

  readonly #onCrash = (page: Page): void => {
    if (page === this.#page) this.#hooks.crashed(page);
  };
}
