/**
 * What the scraper tells an onlooker (the activity log) about its pages and its browser, and the
 * snapshot of its browser it reports on request. Plain facts in plain words: no Playwright, no
 * wire format, and nothing a client sent.
 */

/** PageEventKind: a page was opened (first or anew), loaded again in place, or closed. */
export type PageEventKind = "page_opened" | "page_reloaded" | "page_closed";

/** ScraperEvent is one thing that happened to a page or to the browser. */
export type ScraperEvent =
  | {
      readonly kind: PageEventKind;
      /** symbol is the normalised id of the symbol the page reads. */
      readonly symbol: string;
      /** detail says why in plain words; empty when there is nothing to add. */
      readonly detail: string;
    }
  | {
      readonly kind: "browser_relaunched";
      /** version of the new browser. */
      readonly version: string;
    };

/** ScraperEventListener hears ScraperEvents in order. It must be cheap and must not throw. */
export type ScraperEventListener = (event: ScraperEvent) => void;

/** BrowserState: first launch under way, running, launching again after it died, or closed. */
export type BrowserState = "starting" | "up" | "relaunching" | "down";

/** BrowserStatus is a snapshot of the shared browser. */
export interface BrowserStatus {
  readonly state: BrowserState;
  /** version of the running browser; empty while none runs. */
  readonly version: string;
  /** pagesOpen counts the symbols' pages open in it now; blank spares are not counted (as in openPageCount). */
  readonly pagesOpen: number;
  /** relaunches counts the times it died and was launched again. */
  readonly relaunches: number;
  /** upSince is when the running browser was launched; undefined while none runs. */
  readonly upSince: Date | undefined;
}
