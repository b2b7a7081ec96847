import { afterEach, describe, expect, it } from "vitest";
import { type PageFeed } from "./page-feed.js";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { commandLine } from "@crypto-stream/test-support/processes";
import { CLEAN, startFixture as startShellFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";
import { CHROMIUM_PATH } from "@crypto-stream/test-support/test-browser";

/** This file runs the scraper in the full Chromium the product ships with; the others run the headless shell (test-browser.ts). */
const startFixture: typeof startShellFixture = (options = {}) => startShellFixture({ executablePath: CHROMIUM_PATH, ...options });

describe("scraper against the look-alike: prices", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
  });

  // Headed where there is a display (the repo's test script provides one with xvfb-run).
  it("when the price changes, then each change is sent once, after live, and repeats are not", async () => {
    fixture = await startFixture({ headless: !process.env.DISPLAY });
    const { market, scraper } = fixture;
    const headless = commandLine(scraper.browserProcessId() ?? -1).some((a) => a.startsWith("--headless"));
    expect(headless).toBe(!process.env.DISPLAY);
    market.pause("BTCUSD", true);
    const start = market.currentPrice("BTCUSD");
    const sink = createRecorder();
    const feed = scraper.watch(symbol("BTCUSD"), sink);

    await sink.until("the first price", (e) => e.some((x) => x.kind === "price"));
    expect(sink.events.slice(0, 3)).toEqual([
      { kind: "state", state: "loading", detail: undefined },
      { kind: "state", state: "live", detail: undefined },
      { kind: "price", price: start },
    ]);
    for (const price of ["98765.43", "98765.43", "1234567.89", "0.00001234", "0.00001234", "98765.44"]) {
      market.setPrice("BTCUSD", price);
    }
    await sink.until("the last price", () => sink.prices().at(-1) === "98765.44");
    expect(sink.prices()).toEqual([start, "98765.43", "1234567.89", "0.00001234", "98765.44"]);
    expect(sink.states()).toEqual(["loading", "live"]);
    expect(scraper.openPageCount()).toBe(1);
    // Fonts, analytics and the logo are blocked. The favicon is fetched by the browser itself, and
    // Playwright's routing never sees favicon requests (microsoft/playwright#7493): one per view.
    const assets = market.assetRequests();
    expect({ font: assets.font, analytics: assets.analytics }).toEqual({ font: 0, analytics: 0 });
    expect(assets.image).toBeLessThanOrEqual(market.pageViews("BTCUSD"));

    await feed.close();
    await feed.close(); // idempotent
    expect(scraper.openPageCount()).toBe(0);
    expect((feed as PageFeed).pendingTimers()).toBe(0);
    await expect.poll(() => market.openConnections("BTCUSD") === 0, { timeout: 30_000, message: "the live connection to close" }).toBe(true);
  });

  it("when the page re-renders the price element, then the new element is found", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    market.pause("ETHUSD", true);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("ETHUSD"), sink);
    await sink.until("the first price", () => sink.prices().length === 1);

    market.rerender("ETHUSD");
    market.setPrice("ETHUSD", "3001.25");
    await sink.until("the price after the re-render", () => sink.prices().includes("3001.25"));
    market.rerender("ETHUSD");
    market.rerender("ETHUSD");
    market.setPrice("ETHUSD", "3001.75");
    await sink.until("the price after two re-renders", () => sink.prices().includes("3001.75"));
    expect(sink.prices().slice(1)).toEqual(["3001.25", "3001.75"]);
    expect(sink.states()).toEqual(["loading", "live"]);

    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when the last feed of a page closes, then its page closes and the others keep going", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    const btc = createRecorder();
    const eth = createRecorder();
    const btcFeed = scraper.watch(symbol("BTCUSD"), btc);
    const ethFeed = scraper.watch(symbol("ETHUSD"), eth);
    await btc.until("a BTC price", () => btc.prices().length > 0);
    await eth.until("an ETH price", () => eth.prices().length > 0);
    expect(scraper.openPageCount()).toBe(2);

    await btcFeed.close();
    expect(scraper.openPageCount()).toBe(1);
    const btcEvents = btc.events.length;
    await expect.poll(() => market.openConnections("BTCUSD") === 0, { timeout: 30_000, message: "BTC's live connection to close" }).toBe(true);
    const seen = eth.prices().length;
    await eth.until("ETH to keep moving", () => eth.prices().length > seen + 1);
    expect(btc.events.length).toBe(btcEvents);
    expect(market.openConnections("ETHUSD")).toBe(1);

    await ethFeed.close();
    expect(scraper.openPageCount()).toBe(0);
    expect(scraper.ready()).toBe(true);
    expect(eth.repeatedQuotes()).toEqual([]);
  });

  it("when a feed closes while its page is still loading, then no page is left and the sink hears nothing", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    const early = createRecorder();
    await scraper.watch(symbol("BTCUSD"), early).close(); // before the page even exists
    market.setDelay("ETHUSD", 60_000);
    const loading = createRecorder();
    const feed = scraper.watch(symbol("ETHUSD"), loading);
    await expect.poll(() => scraper.openPageCount() === 1, { timeout: 30_000, message: "the page to open" }).toBe(true);
    await feed.close(); // while its navigation waits for the server
    expect(scraper.openPageCount()).toBe(0);
    expect((feed as PageFeed).pendingTimers()).toBe(0);
    expect(early.events).toEqual([{ kind: "state", state: "loading", detail: undefined }]);
    expect(loading.events).toEqual([{ kind: "state", state: "loading", detail: undefined }]);
    market.setDelay("ETHUSD", 0);
  });

  it("when the scraper is closed, then every page and the browser are gone and watch answers failed", async () => {
    fixture = await startFixture();
    const { scraper } = fixture;
    const sink = createRecorder();
    scraper.watch(symbol("SOLUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    expect(await fixture.close()).toEqual(CLEAN);
    fixture = undefined;
    const seen = sink.events.length;
    const late = createRecorder();
    await scraper.watch(symbol("BTCUSD"), late).close();
    await late.until("failed", () => late.states().includes("failed"));
    expect(sink.events.length).toBe(seen);
  });
});
