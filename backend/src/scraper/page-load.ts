/**
 * One load of a feed's page: wait for the browser and an open slot, open a page (or reuse the one
 * held), navigate, and judge the answer. What follows from the verdict is the feed's business.
 * Internal to the scraper.
 */
import type { BrowserContext, Page } from "playwright";
import type { PageHolder } from "./page-holder.js";
import type { PageFeedDeps } from "./page-feed-deps.js";
import type { ReloadWatchdog } from "./reload-watchdog.js";

/** PageLoad is one load's inputs; `current` says whether the load is still the feed's. */
export interface PageLoad {
  readonly deps: PageFeedDeps;
  readonly page: PageHolder;
  readonly watchdog: ReloadWatchdog;
  /** why the page is being (re)loaded, for the page events. */
  readonly why: string;
  readonly current: () => boolean;
}

/**
 * LoadVerdict is how a load ended: `stale` when the feed moved on meanwhile (ignore it), `navigated`
 * when the page answered (the first-price clock watches the rest), or what the feed must do next.
 */
export type LoadVerdict =
  | { readonly kind: "stale" | "navigated" }
  | { readonly kind: "not_found"; readonly detail: string }
  | { readonly kind: "retry"; readonly reason: string };

const noop = (): void => undefined;
const STALE: LoadVerdict = { kind: "stale" };

/** loadPage runs one load and never rejects; the open slot it takes is always given back. */
export async function loadPage(load: PageLoad): Promise<LoadVerdict> {
  const { deps, page: holder, current } = load;
  let release = noop;
  try {
    const started = performance.now();
    const context = await deps.context();
    if (!current()) return STALE;
    release = await deps.limiter.acquire();
    if (!current()) return STALE;
    const slotWaitMs = Math.round(performance.now() - started);
    if (holder.current?.isClosed()) holder.forget();
    if (holder.current) deps.pageEvent("page_reloaded", load.why);
    const page = holder.current ?? (await openPage(load, context));
    if (!page) return STALE;
    const navigating = performance.now();
    // The clock starts once the page exists: waiting for a slot or a relaunch is not the page's fault.
    load.watchdog.loading(current);
    // "commit" hands the slot on once the response is in: its status is all the load decides here.
    // Parsing and the price are the observer's business, watched by the first-price timer.
    const response = await page.goto(deps.url, { waitUntil: "commit", timeout: deps.timing.firstPriceTimeoutMs });
    if (!current()) return STALE;
    const status = response?.status() ?? 0;
    const navigationMs = Math.round(performance.now() - navigating);
    const openMs = Math.round(navigating - started) - slotWaitMs;
    const attempt = load.watchdog.failures;
    deps.log.info("page.navigated", { url: deps.url, status, attempt, slotWaitMs, openMs, navigationMs });
    if (status === 404) return { kind: "not_found", detail: "TradingView has no page for this symbol" };
    if (status >= 400) return { kind: "retry", reason: `the page answered HTTP ${status}` };
    return { kind: "navigated" };
  } catch (error) {
    if (!current()) return STALE;
    deps.log.warn("page.load_failed", { error });
    return { kind: "retry", reason: "the page did not load" };
  } finally {
    release();
  }
}

async function openPage(load: PageLoad, context: BrowserContext): Promise<Page | undefined> {
  const page = await load.page.open(context, load.current);
  if (!page) return undefined;
  load.deps.log.info("page.opened", { url: load.deps.url });
  load.deps.pageEvent("page_opened", load.why);
  return page;
}
