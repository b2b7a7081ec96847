/**
 * The Playwright scraper: a PriceSource over one shared Chromium with one page per watched symbol.
 */
import type { Page } from "playwright";
import { configDefaults } from "../config-defaults.js";
import type { Feed, FeedSink, PriceSource } from "../hub/price-source.js";
import { silentLogger, type Logger } from "../log.js";
import type { SymbolRef } from "../symbols/symbol.js";
import { BrowserSession } from "./browser-session.js";
import { createBrowserTracker } from "./browser-tracker.js";
import { OpenLimiter } from "./open-limiter.js";
import { PageFeed } from "./page-feed.js";
import { QuietGate } from "./quiet-gate.js";
import { createPrivateNetworkRule } from "./private-network.js";
import { SparePages } from "./spare-pages.js";
import type { BrowserStatus, ScraperEventListener } from "./scraper-events.js";
import { symbolPageUrl } from "./tradingview.js";

/** ScraperOptions configure createScraper; every field has a default (configDefaults where the setting is configurable). */
export interface ScraperOptions {
  /** baseUrl of the symbol pages; default "https://www.tradingview.com", the look-alike in tests. */
  readonly baseUrl?: string;
  /** defaultExchange is used for a SymbolRef whose exchange is empty; default "BINANCE". */
  readonly defaultExchange?: string;
  /** executablePath of Chromium; default Playwright's own download (absent on offline machines). */
  readonly executablePath?: string;
  /** headless; default false (the design runs headed, under Xvfb where there is no display). */
  readonly headless?: boolean;
  /** firstPriceTimeoutMs a (re)loaded page has to show its first price; default 20 000. */
  readonly firstPriceTimeoutMs?: number;
  /** silenceTimeoutMs a live page may show the same price before it is reloaded; default 120 000. */
  readonly silenceTimeoutMs?: number;
  /** maxAttempts is how many reloads in a row may fail before the feed is `failed`; default 4. */
  readonly maxAttempts?: number;
  /** backoffBaseMs is the wait before the first reload, doubled for each next one; default 1000. */
  readonly backoffBaseMs?: number;
  /** maxConcurrentOpens caps pages opening at the same time; default 4. */
  readonly maxConcurrentOpens?: number;
  /**
   * sparePages is how many blank pages to keep open ahead of need, so a cold symbol skips creating
   * its tab; default 10, 0 for none. Spares are not counted by openPageCount.
   */
  readonly sparePages?: number;
  /**
   * blockPrivateNetwork keeps scraped pages (their third-party scripts) off loopback, link-local and
   * private addresses, IPv4 and IPv6 literals and `localhost`, except `baseUrl`'s own origin; default
   * true. The server turns it off in demo mode only.
   */
  readonly blockPrivateNetwork?: boolean;
  /** relaunchBackoffMs is the wait before a second browser launch, doubled per try; default 1000. */
  readonly relaunchBackoffMs?: number;
  /** logger for one structured line per event; default silent. */
  readonly logger?: Logger;
  /** onEvent hears what happens to pages and to the browser (for the activity log); default none. */
  readonly onEvent?: ScraperEventListener;
}

/** Scraper is a PriceSource with the counters tests and metrics read. */
export interface Scraper extends PriceSource {
  /** openPageCount is the number of pages open in the browser now. */
  openPageCount(): number;
  /** browserProcessId is the PID of the Chromium process while one is up. */
  browserProcessId(): number | undefined;
  /** status is a snapshot of the browser for status reports. */
  status(): BrowserStatus;
}

/**
 * createScraper launches the shared browser at once (retrying with backoff until it is up or the
 * scraper is closed) and returns the scraper. The caller owns it and must call close(), which
 * closes every feed's page, the context and the browser, and resolves once the Chromium process has
 * ended. `watch` never throws; after close it answers `failed`.
 */
export function createScraper(options: ScraperOptions = {}): Scraper {
  const log = options.logger ?? silentLogger;
  const baseUrl = options.baseUrl ?? configDefaults.tradingViewBaseUrl;
  const defaultExchange = options.defaultExchange ?? configDefaults.defaultExchange;
  const timing = {
    firstPriceTimeoutMs: options.firstPriceTimeoutMs ?? configDefaults.firstPriceTimeoutMs,
    silenceTimeoutMs: options.silenceTimeoutMs ?? configDefaults.silenceTimeoutMs,
    maxAttempts: options.maxAttempts ?? 4,
    backoffBaseMs: options.backoffBaseMs ?? 1000,
  };
  const limiter = new OpenLimiter(options.maxConcurrentOpens ?? configDefaults.maxConcurrentOpens);
  const feeds = new Set<PageFeed>();
  const owners = new Map<Page, PageFeed>();
  let closing: Promise<void> | undefined;
  const onEvent = options.onEvent ?? (() => undefined);
  const browser = createBrowserTracker(onEvent);

  const session = new BrowserSession({
    executablePath: options.executablePath,
    headless: options.headless ?? configDefaults.headless,
    relaunchBackoffMs: options.relaunchBackoffMs ?? 1000,
    logger: log,
    privateNetwork: options.blockPrivateNetwork === false ? undefined : createPrivateNetworkRule(baseUrl),
    onReport: (page, report) => owners.get(page)?.report(page, report),
    onLaunched: (version) => browser.launched(version),
    onLost: () => {
      browser.lost();
      owners.clear();
      symbolPages.clear();
      for (const feed of feeds) feed.browserLost();
      fillSpares();
    },
  });
  const gate = new QuietGate();
  const spares = new SparePages({
    size: options.sparePages ?? configDefaults.sparePages,
    open: (context) => session.openPage(context),
    close: (page) => session.closePage(page),
    // A cold burst is priced within a few seconds; a page that never fills must not starve the pool.
    quiet: () => gate.quiet(5_000),
    logger: log,
  });
  const fillSpares = () => void session.context().then((context) => spares.fill(context), () => undefined);
  fillSpares();
  // Pages that belong to symbols, from the moment a feed gets one until its close has finished.
  // Counting the context's pages minus the spares would miscount while spares are being made.
  const symbolPages = new Set<Page>();

  return {
    watch(symbol: SymbolRef, sink: FeedSink): Feed {
      // A SymbolRef from parseSymbol always names its exchange; one built by hand may not.
      const page = { ...symbol, exchange: symbol.exchange || defaultExchange };
      if (closing) {
        // The contract says watch never throws; a closed scraper is a failure like any other.
        queueMicrotask(() => sink.state("failed", "the scraper is shut down"));
        return { close: () => Promise.resolve() };
      }
      // The feed is cold until its first price or final state; spares wait for no cold feed.
      const leave = gate.enter();
      const feed: PageFeed = new PageFeed({
        url: symbolPageUrl(baseUrl, page),
        sink: {
          observation: (observation) => {
            leave();
            sink.observation(observation);
          },
          state: (state, detail) => {
            if (state === "not_found" || state === "failed") leave();
            sink.state(state, detail);
          },
        },
        context: () => session.context(),
        openPage: async (context) => {
          const page = spares.take(context) ?? (await session.openPage(context));
          symbolPages.add(page);
          return page;
        },
        closePage: (page) => session.closePage(page).finally(() => symbolPages.delete(page)),
        limiter,
        timing,
        log: log.child({ symbol: symbol.id }),
        adopt: (page) => owners.set(page, feed),
        disown: (page) => owners.delete(page),
        pageEvent: (kind, detail) => onEvent({ kind, symbol: symbol.id, detail }),
        released: () => {
          leave();
          feeds.delete(feed);
        },
      });
      feeds.add(feed);
      feed.start();
      return feed;
    },
    ready: () => !closing && session.ready(),
    openPageCount: () => symbolPages.size,
    browserProcessId: () => session.processId(),
    status: () => browser.snapshot(symbolPages.size),
    close() {
      closing ??= (async () => {
        log.info("scraper.closing", { feeds: feeds.size });
        session.closing();
        await Promise.all([...feeds].map((feed) => feed.close()));
        await spares.stop();
        await session.close();
        browser.closed();
        log.info("scraper.closed");
      })();
      return closing;
    },
  };
}
