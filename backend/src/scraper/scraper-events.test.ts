/** What the scraper tells its onlooker, in real Chromium against the look-alike. */
import { afterEach, describe, expect, it } from "vitest";
import { createRecorder, resumedAfter, symbol } from "@crypto-stream/test-support/feed-recorder";
import { alive } from "@crypto-stream/test-support/processes";
import { CLEAN, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";
import type { ScraperEvent } from "./scraper-events.js";

const pageEvents = (events: ScraperEvent[]) => events.map((event) => (event.kind === "browser_relaunched" ? event.kind : `${event.kind} ${event.symbol} ${event.detail}`.trim()));

describe("scraper events and status", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
  });

  it("when a page opens, is reloaded in place and closes, then the onlooker hears each with the reason", async () => {
    const events: ScraperEvent[] = [];
    fixture = await startFixture({ firstPriceTimeoutMs: 800, maxAttempts: 50, onEvent: (event) => events.push(event) });
    const { market, scraper } = fixture;
    expect(scraper.status()).toMatchObject({ state: "up", pagesOpen: 0, relaunches: 0 });
    expect(scraper.status().version).not.toBe("");
    market.withholdPrice("XRPUSD", true);
    // The first-price timer is short here so the reload comes quickly: a fill delay as long as it would reload the page again and again.
    market.setFillDelay("XRPUSD", [0, 0]);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("XRPUSD"), sink);
    await sink.until("reconnecting", () => sink.states().includes("reconnecting"));
    market.withholdPrice("XRPUSD", false);
    await sink.until("live with a price", resumedAfter("reconnecting"));
    expect(scraper.status().pagesOpen).toBe(1);
    await feed.close();
    const seen = pageEvents(events);
    expect(seen[0]).toBe("page_opened XRPUSD");
    expect(seen).toContain("page_reloaded XRPUSD no price appeared on the page");
    expect(seen.at(-1)).toBe("page_closed XRPUSD");
    expect(seen.filter((event) => event.startsWith("page_opened"))).toHaveLength(1);
  });

  it("when the browser is killed, then its status counts the relaunch, shows it up again, and the onlooker hears the page lost and reopened", async () => {
    const events: ScraperEvent[] = [];
    fixture = await startFixture({ onEvent: (event) => events.push(event) });
    const { scraper } = fixture;
    const sink = createRecorder();
    const feed = scraper.watch(symbol("BTCUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    const pid = scraper.browserProcessId() ?? -1;
    process.kill(pid, "SIGKILL");
    await expect.poll(() => !alive(pid), { timeout: 30_000, message: "the old browser to be gone" }).toBe(true);
    await sink.until("BTC to resume", resumedAfter("reconnecting"));
    expect(scraper.status()).toMatchObject({ state: "up", relaunches: 1, pagesOpen: 1 });
    expect(pageEvents(events)).toEqual([
      "page_opened BTCUSD",
      "page_closed BTCUSD the browser died",
      "browser_relaunched",
      "page_opened BTCUSD the browser restarted",
    ]);
    await feed.close();
    await scraper.close();
    expect(scraper.status()).toMatchObject({ state: "down", version: "", pagesOpen: 0 });
  });
});
