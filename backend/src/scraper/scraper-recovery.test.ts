import { afterEach, describe, expect, it } from "vitest";
import { type PageFeed } from "./page-feed.js";
import { createRecorder, resumedAfter, symbol } from "@crypto-stream/test-support/feed-recorder";
import { alive } from "@crypto-stream/test-support/processes";
import { CLEAN, rendererPids, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";
import { createLogger } from "../log.js";

describe("scraper against the look-alike: errors and recovery", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
  });

  it("when the ticker is unknown, then the feed is not_found and no page is left", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    const sink = createRecorder();
    const feed = scraper.watch(symbol("NOSUCHCOIN"), sink);
    await sink.until("not_found", () => sink.states().includes("not_found"));
    await expect.poll(() => scraper.openPageCount() === 0, { timeout: 30_000, message: "the page to close" }).toBe(true);
    expect(sink.states()).toEqual(["loading", "not_found"]);
    expect(sink.prices()).toEqual([]);
    expect(market.pageViews("NOSUCHCOIN")).toBe(1);
    expect((feed as PageFeed).pendingTimers()).toBe(0);
    await feed.close();
  });

  it("when the page answers 500, then the feed reconnects with retries and recovers after 200", async () => {
    fixture = await startFixture({ maxAttempts: 50 });
    const { market, scraper } = fixture;
    market.respondWith("ETHUSD", 500);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("ETHUSD"), sink);
    await sink.until("reconnecting", () => sink.states().includes("reconnecting"));
    await expect.poll(() => market.pageViews("ETHUSD") >= 2, { timeout: 30_000, message: "a second request" }).toBe(true);
    expect(sink.prices()).toEqual([]);

    market.respondWith("ETHUSD", 200);
    await sink.until("live with a price", resumedAfter("reconnecting"));
    expect(sink.states()).toEqual(["loading", "reconnecting", "live"]);
    expect(scraper.openPageCount()).toBe(1);
    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when the page keeps answering 500, then after maxAttempts reloads the feed fails and closes its page", async () => {
    fixture = await startFixture({ maxAttempts: 2 });
    const { market, scraper } = fixture;
    market.respondWith("SOLUSD", 500);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("SOLUSD"), sink);
    await sink.until("failed", () => sink.states().includes("failed"));
    await expect.poll(() => scraper.openPageCount() === 0, { timeout: 30_000, message: "the page to close" }).toBe(true);
    expect(sink.states()).toEqual(["loading", "reconnecting", "failed"]);
    expect(market.pageViews("SOLUSD")).toBe(3); // the first load and two reloads
    expect((feed as PageFeed).pendingTimers()).toBe(0);
    await feed.close();
  });

  it("when no price appears in time, then the page is reloaded until one does", async () => {
    fixture = await startFixture({ firstPriceTimeoutMs: 800, maxAttempts: 50 });
    const { market, scraper } = fixture;
    market.withholdPrice("XRPUSD", true);
    // A fill delay as long as the short first-price timer would reload the page again and again.
    market.setFillDelay("XRPUSD", [0, 0]);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("XRPUSD"), sink);
    await sink.until("reconnecting", () => sink.states().includes("reconnecting"));
    await expect.poll(() => market.pageViews("XRPUSD") >= 2, { timeout: 30_000, message: "a reload" }).toBe(true);
    market.withholdPrice("XRPUSD", false);
    await sink.until("live with a price", resumedAfter("reconnecting"));
    expect(sink.states()).toEqual(["loading", "reconnecting", "live"]);
    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when the page answers slower than the timeout, then it is retried and recovers", async () => {
    fixture = await startFixture({ firstPriceTimeoutMs: 2_000, maxAttempts: 50 });
    const { market, scraper } = fixture;
    market.setDelay("ADAUSD", 5000);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("ADAUSD"), sink);
    await sink.until("reconnecting", () => sink.states().includes("reconnecting"));
    market.setDelay("ADAUSD", 0);
    await sink.until("live with a price", resumedAfter("reconnecting"));
    expect(sink.states()).toEqual(["loading", "reconnecting", "live"]);
    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when the page goes silent, then it is reloaded and resumes", async () => {
    fixture = await startFixture({ silenceTimeoutMs: 1500 });
    const { market, scraper } = fixture;
    const sink = createRecorder();
    const feed = scraper.watch(symbol("BTCUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    const views = market.pageViews("BTCUSD");

    market.silence("BTCUSD", true);
    await sink.until("reconnecting", () => sink.states().includes("reconnecting"));
    await expect.poll(() => market.pageViews("BTCUSD") > views, { timeout: 30_000, message: "a reload" }).toBe(true);
    market.silence("BTCUSD", false);
    await sink.until("live with a price", resumedAfter("reconnecting"));
    expect(sink.states()).toEqual(["loading", "live", "reconnecting", "live"]);
    expect(sink.repeatedQuotes()).toEqual([]);
    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
    await expect.poll(() => market.openConnections("BTCUSD") === 0, { timeout: 30_000, message: "the live connection to close" }).toBe(true);
  });

  it("when the page's renderer crashes, then a new page opens and the feed resumes", async () => {
    fixture = await startFixture();
    const { scraper } = fixture;
    const sink = createRecorder();
    const feed = scraper.watch(symbol("BTCUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    const pid = scraper.browserProcessId() ?? -1;
    const renderers = rendererPids(pid);
    expect(renderers.length).toBeGreaterThan(0);

    // Killing the renderer is how an out-of-memory kill looks to the browser: the tab crashes.
    for (const renderer of renderers) process.kill(renderer, "SIGKILL");
    await sink.until("live with a price", resumedAfter("reconnecting"));
    expect(sink.states()).toEqual(["loading", "live", "reconnecting", "live"]);
    expect(scraper.browserProcessId()).toBe(pid);
    expect(scraper.openPageCount()).toBe(1);
    expect(sink.repeatedQuotes()).toEqual([]);
    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when the browser dies while the scraper closes, then it is not relaunched", async () => {
    const logged: { event?: string }[] = [];
    fixture = await startFixture({ logger: createLogger({ level: "debug", sink: (line) => void logged.push(JSON.parse(line) as { event?: string }) }) });
    const { scraper } = fixture;
    const btc = createRecorder();
    scraper.watch(symbol("BTCUSD"), btc);
    await btc.until("a BTC price", () => btc.prices().length > 0);
    const pid = scraper.browserProcessId() ?? -1;

    // As Ctrl-C under run.sh: the terminal's SIGINT reaches Chromium while the server closes.
    const closed = scraper.close();
    process.kill(pid, "SIGKILL");
    await closed;
    await expect.poll(() => !alive(pid), { timeout: 30_000, message: "the browser to be gone" }).toBe(true);
    const events = logged.map((line) => line.event);
    expect(events.filter((event) => event === "browser.launched")).toHaveLength(1);
    expect(events).not.toContain("browser.launch_failed");
    expect(events).not.toContain("browser.disconnected");
    expect(scraper.browserProcessId()).toBeUndefined();
  });

  it("when the browser is killed, then it is relaunched and every open feed resumes", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    const btc = createRecorder();
    const eth = createRecorder();
    const btcFeed = scraper.watch(symbol("BTCUSD"), btc);
    const ethFeed = scraper.watch(symbol("ETHUSD"), eth);
    await btc.until("a BTC price", () => btc.prices().length > 0);
    await eth.until("an ETH price", () => eth.prices().length > 0);
    const pid = scraper.browserProcessId() ?? -1;

    process.kill(pid, "SIGKILL");
    await expect.poll(() => !alive(pid), { timeout: 30_000, message: "the old browser to be gone" }).toBe(true);
    await btc.until("BTC to resume", resumedAfter("reconnecting"));
    await eth.until("ETH to resume", resumedAfter("reconnecting"));
    expect(btc.states()).toEqual(["loading", "live", "reconnecting", "live"]);
    expect(eth.states()).toEqual(["loading", "live", "reconnecting", "live"]);
    expect(scraper.browserProcessId()).not.toBe(pid);
    expect(scraper.ready()).toBe(true);
    expect(scraper.openPageCount()).toBe(2);
    expect(btc.repeatedQuotes()).toEqual([]);
    expect(eth.repeatedQuotes()).toEqual([]);

    await btcFeed.close();
    await ethFeed.close();
    expect(scraper.openPageCount()).toBe(0);
    await expect.poll(() => market.totalOpenConnections() === 0, { timeout: 30_000, message: "the live connections to close" }).toBe(true);
  });
});
