/**
 * Keeps the browser's state for status reports, fed by BrowserSession's launch and loss callbacks,
 * and tells the listener when a relaunched browser is up. Internal to the scraper.
 */
import type { BrowserState, BrowserStatus, ScraperEventListener } from "./scraper-events.js";

/** BrowserTracker is fed by the scraper and read by its `status()`. */
export interface BrowserTracker {
  launched(version: string): void;
  lost(): void;
  closed(): void;
  snapshot(pagesOpen: number): BrowserStatus;
}

/** createBrowserTracker starts in `starting`; `onEvent` hears `browser_relaunched`. */
export function createBrowserTracker(onEvent: ScraperEventListener, now: () => Date = () => new Date()): BrowserTracker {
  let state: BrowserState = "starting";
  let version = "";
  let upSince: Date | undefined;
  let relaunches = 0;
  return {
    launched(launchedVersion) {
      if (state === "down") return;
      const again = state === "relaunching";
      state = "up";
      version = launchedVersion;
      upSince = now();
      if (!again) return;
      relaunches++;
      onEvent({ kind: "browser_relaunched", version });
    },
    lost() {
      if (state === "down") return;
      state = "relaunching";
      version = "";
      upSince = undefined;
    },
    closed() {
      state = "down";
      version = "";
      upSince = undefined;
    },
    snapshot: (pagesOpen) => ({ state, version, pagesOpen, relaunches, upSince }),
  };
}
