/**
 * Opening and closing pages so that a close always happens.
 *
 * Chromium answers `Target.closeTarget` with success but sometimes never closes the tab when the
 * request lands while the tab's navigation is committing; the page then keeps loading, and
 * Playwright's `page.close()` waits for it forever. Under churn (subscribers coming and going while
 * pages load) this hit about one close in five. Sending `Target.closeTarget` again closes it, so
 * `close` re-sends it, with backoff, until the page is gone. Internal to the scraper.
 */
import type { BrowserContext, CDPSession, Page } from "playwright";
import type { Logger } from "../log.js";

/** PageCloserOptions tune the re-sends; tests shorten them. */
export interface PageCloserOptions {
  /** firstRetryMs is how long a close may take before closeTarget is sent again; doubled per try. */
  readonly firstRetryMs: number;
  /** attempts is how many times closeTarget is sent again before the close is reported stuck. */
  readonly attempts: number;
}

const DEFAULTS: PageCloserOptions = { firstRetryMs: 1_000, attempts: 5 };

/**
 * PageCloser remembers each page's CDP target id (Playwright does not expose it) and closes pages
 * through Playwright first and the browser's own CDP session as the fallback.
 */
export class PageCloser {
  readonly #browserSession: () => CDPSession | undefined;
  readonly #log: Logger;
  readonly #options: PageCloserOptions;
  readonly #targets = new WeakMap<Page, string>();
  #stuck = 0;

  /** @param browserSession returns the live browser's CDP session, if a browser is up. */
  constructor(browserSession: () => CDPSession | undefined, log: Logger, options: Partial<PageCloserOptions> = {}) {
    this.#browserSession = browserSession;
    this.#log = log;
    this.#options = { ...DEFAULTS, ...options };
  }

  /** open creates a page in `context` and learns its target id. */
  async open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    try {
      const session = await context.newCDPSession(page);
      const { targetInfo } = await session.send("Target.getTargetInfo");
      await session.detach().catch(() => undefined);
      this.#targets.set(page, targetInfo.targetId);
    } catch (error) {
      // Only the fallback needs the id; a page closed meanwhile is closed by the caller anyway.
      this.#log.debug("page.target_unknown", { error });
    }
    return page;
  }

  /**
   * close resolves once the page is closed, or once the re-sends ran out (logged as
   * `page.close_stuck` and counted by `stuckCount`). Never rejects.
   */
  async close(page: Page): Promise<void> {
    const closed = page.close().then(
      () => true,
      () => true, // it fails only when the page or the browser is already gone
    );
    let waitMs = this.#options.firstRetryMs;
    for (let attempt = 1; attempt <= this.#options.attempts; attempt++) {
      if (await settlesWithin(closed, waitMs)) return;
      const targetId = this.#targets.get(page);
      const session = this.#browserSession();
      if (!targetId || !session) break;
      this.#log.warn("page.close_resent", { attempt, waitedMs: waitMs });
      await session.send("Target.closeTarget", { targetId }).catch(() => undefined);
      waitMs *= 2;
    }
    if (await settlesWithin(closed, waitMs)) return;
    this.#stuck++;
    this.#log.error("page.close_stuck", { attempts: this.#options.attempts });
  }

  /** stuckCount counts pages that would not close; a metric of Chromium misbehaving. */
  stuckCount(): number {
    return this.#stuck;
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
