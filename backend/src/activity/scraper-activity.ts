/**
 * Turns the scraper's page and browser events into activity, and keeps the symbol board's page
 * facts (when the page opened, reloads, reopens).
 */
import type { ScraperEvent, ScraperEventListener } from "../scraper/scraper-events.js";
import type { ActivityLog } from "./activity-log.js";
import type { SymbolBoard } from "./symbol-board.js";

const PAGE_WORDS = { page_opened: "page opened", page_reloaded: "page reloaded", page_closed: "page closed" } as const;

/** createScraperActivity returns the listener for ScraperOptions.onEvent. Never throws. */
export function createScraperActivity(log: ActivityLog, board: SymbolBoard, now: () => Date = () => new Date()): ScraperEventListener {
  return (event: ScraperEvent) => {
    if (event.kind === "browser_relaunched") {
      log.record("browser_relaunched", "", `browser relaunched (Chromium ${event.version}); its pages reopen`);
      return;
    }
    const { symbol, detail } = event;
    if (event.kind === "page_opened") board.pageOpened(symbol, now());
    else if (event.kind === "page_reloaded") board.pageReloaded(symbol);
    else board.pageClosed(symbol);
    const words = PAGE_WORDS[event.kind];
    log.record(event.kind, symbol, detail ? `${symbol}: ${words} (${detail})` : `${symbol}: ${words}`);
  };
}
