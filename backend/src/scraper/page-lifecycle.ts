/**
 * Opening and closing the scraper's pages so that nothing outlives them. Two Chromium and
 * Playwright behaviours, both seen under churn (subscribers coming and going while pages load),
 * shape this module:
 *
 * - Request blocking goes through the page's own CDP session (the Fetch domain), not Playwright's
 *   `route`. A Playwright route whose page closes before it is continued stays in the context's
 *   routes-in-flight set forever, and holds the closed page's whole object graph: about one page
 *   in five leaked that way. A CDP session holds nothing once its page is gone.
 * - Chromium answers `Target.closeTarget` with success but sometimes never closes a tab whose
 *   navigation is committing; Playwright's `page.close()` then waits forever. Sending
 *   `Target.closeTarget` again closes it, so `close` re-sends it, with backoff, until the page is
 *   gone.
 *
 * Internal to the scraper.
 */
import type { BrowserContext, CDPSession, Page } from "playwright";
import type { Logger } from "../log.js";

/** PageLifecycleOptions configure blocking and tune the close re-sends. */
export interface PageLifecycleOptions {
  /** isBlocked says whether a request is failed before it leaves the browser. */
  readonly isBlocked: (resourceType: string, url: string) => boolean;
  /** firstRetryMs is how long a close may take before closeTarget is sent again; doubled per try. */
  readonly firstRetryMs?: number;
  /** attempts is how many times closeTarget is sent again before the close is reported stuck. */
  readonly attempts?: number;
}

const noop = (): void => undefined;

/** PageLifecycle opens pages with request blocking in place and closes them for certain. */
export class PageLifecycle {
  readonly #browserSession: () => CDPSession | undefined;
  readonly #log: Logger;
  readonly #isBlocked: PageLifecycleOptions["isBlocked"];
  readonly #firstRetryMs: number;
  readonly #attempts: number;
  /** Playwright does not expose a page's CDP target id; the close fallback needs it. */
  readonly #targets = new WeakMap<Page, string>();

  /** @param browserSession returns the live browser's CDP session, if a browser is up. */
  constructor(browserSession: () => CDPSession | undefined, log: Logger, options: PageLifecycleOptions) {
    this.#browserSession = browserSession;
    this.#log = log;
    this.#isBlocked = options.isBlocked;
    this.#firstRetryMs = options.firstRetryMs ?? 1_000;
    this.#attempts = options.attempts ?? 5;
  }

  /**
   * open creates a page in `context` with blocking installed before its first navigation.
   * @throws when the page or the browser went away meanwhile (the page is closed then).
   */
  async open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    try {
      const session = await context.newCDPSession(page);
      const { targetInfo } = await session.send("Target.getTargetInfo");
      this.#targets.set(page, targetInfo.targetId);
      session.on("Fetch.requestPaused", ({ requestId, resourceType, request }) => {
        const blocked = this.#isBlocked(resourceType.toLowerCase(), request.url);
        // Either fails once the page has closed, which needs no handling.
        const answer = blocked
          ? session.send("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" })
          : session.send("Fetch.continueRequest", { requestId });
        answer.catch(noop);
      });
      await session.send("Fetch.enable", { patterns: [{ urlPattern: "*", requestStage: "Request" }] });
      return page;
    } catch (error) {
      await this.close(page);
      throw error;
    }
  }

  /**
   * close resolves once the page is closed, or once the re-sends ran out (logged as
   * `page.close_stuck`; the page then still counts as open). Never rejects.
   */
  async close(page: Page): Promise<void> {
    // page.close() fails only when the page or the browser is already gone.
    const closed = page.close().then(noop, noop);
    let waitMs = this.#firstRetryMs;
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (await settlesWithin(closed, waitMs)) return;
      const targetId = this.#targets.get(page);
      const session = this.#browserSession();
      if (!targetId || !session) break;
      this.#log.warn("page.close_resent", { attempt, waitedMs: waitMs });
      await session.send("Target.closeTarget", { targetId }).catch(noop);
      waitMs *= 2;
    }
    if (await settlesWithin(closed, waitMs)) return;
    this.#log.error("page.close_stuck", { attempts: this.#attempts });
  }
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
