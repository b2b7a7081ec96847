import { describe, expect, it } from "vitest";
import { createBrowserTracker } from "./browser-tracker.js";
import type { ScraperEvent } from "./scraper-events.js";

const at = new Date("2026-01-02T03:04:05Z");

describe("createBrowserTracker", () => {
  it("when the browser starts, dies and comes back, then the state follows and only the relaunch is an event", () => {
    const events: ScraperEvent[] = [];
    const tracker = createBrowserTracker((event) => events.push(event), () => at);
    expect(tracker.snapshot(0)).toEqual({ state: "starting", version: "", pagesOpen: 0, relaunches: 0, upSince: undefined });
    tracker.launched("131.0");
    expect(tracker.snapshot(2)).toEqual({ state: "up", version: "131.0", pagesOpen: 2, relaunches: 0, upSince: at });
    tracker.lost();
    expect(tracker.snapshot(0)).toMatchObject({ state: "relaunching", version: "", upSince: undefined });
    tracker.launched("131.1");
    expect(tracker.snapshot(1)).toMatchObject({ state: "up", version: "131.1", relaunches: 1 });
    expect(events).toEqual([{ kind: "browser_relaunched", version: "131.1" }]);
    tracker.closed();
    tracker.launched("131.2");
    expect(tracker.snapshot(0)).toMatchObject({ state: "down", version: "" });
  });
});
