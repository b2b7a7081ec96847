/**
 * What a PageFeed borrows from its scraper. Internal to the scraper.
 */
import type { BrowserContext, Page } from "playwright";
import type { FeedSink } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import type { OpenLimiter } from "./open-limiter.js";
import type { FeedTiming } from "./reload-watchdog.js";
import type { PageEventKind } from "./scraper-events.js";

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
  /** adopt and disown keep the scraper's page → feed map (bound to this feed), which routes page reports. */
  readonly adopt: (page: Page) => void;
  readonly disown: (page: Page) => void;
  /** pageEvent tells the scraper's onlooker what happened to the feed's page; must not throw. */
  readonly pageEvent: (kind: PageEventKind, detail: string) => void;
  /** released is called once when the feed holds nothing any more (closed, not found or failed). */
  readonly released: () => void;
}
