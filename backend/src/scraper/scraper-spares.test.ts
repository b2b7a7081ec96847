import { afterEach, describe, expect, it } from "vitest";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { CLEAN, rendererPids, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";
import { CHROMIUM_PATH } from "@crypto-stream/test-support/test-browser";

/**
 * Spares are blank tabs, and how blank tabs get renderers differs between the full Chromium the
 * product ships with and the headless shell the other tests run: these run the full one.
 */
const SPARES = { sparePages: 2, executablePath: CHROMIUM_PATH };

describe("scraper against the look-alike: spare pages", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    if (fixture) expect(await fixture.close()).toEqual(CLEAN);
    fixture = undefined;
  });

  it("when spares are kept, then cold symbols open on them and openPageCount counts only the symbols' pages", async () => {
    fixture = await startFixture(SPARES);
    const { scraper } = fixture;
    const pid = scraper.browserProcessId() ?? -1;
    // Two blank spares, each with a renderer of its own.
    await expect.poll(() => rendererPids(pid).length >= 2, { timeout: 20_000, message: "the spares to open" }).toBe(true);
    expect(scraper.openPageCount()).toBe(0);
    const sinks = ["BTCUSD", "ETHUSD", "SOLUSD"].map((ticker) => {
      const sink = createRecorder();
      return { sink, feed: scraper.watch(symbol(ticker), sink) };
    });
    for (const { sink } of sinks) await sink.until("a price", () => sink.prices().length > 0);
    await expect.poll(() => scraper.openPageCount() === 3 && rendererPids(pid).length >= 5, { timeout: 20_000, message: "three pages and the spares refilled" }).toBe(true);
    for (const { feed } of sinks) await feed.close();
    await expect.poll(() => scraper.openPageCount() === 0, { timeout: 20_000, message: "the symbols' pages to close" }).toBe(true);
  });

  it("when the spares' renderers crash, then they are replaced and a cold symbol still gets its price", async () => {
    fixture = await startFixture(SPARES);
    const { scraper } = fixture;
    const pid = scraper.browserProcessId() ?? -1;
    await expect.poll(() => rendererPids(pid).length >= 2, { timeout: 20_000, message: "the spares to open" }).toBe(true);
    const killed = rendererPids(pid);
    for (const renderer of killed) process.kill(renderer, "SIGKILL");
    // A new renderer, not a killed one (which can linger in /proc until Chromium reaps it), shows a
    // crash was seen and a replacement opened. Blank spares may share one renderer, so count one.
    const fresh = () => rendererPids(pid).filter((renderer) => !killed.includes(renderer));
    await expect.poll(() => fresh().length >= 1, { timeout: 20_000, message: "a spare to be replaced" }).toBe(true);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("XRPUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    // Live on a fresh spare, or, when it took a spare whose crash Chromium had not reported yet,
    // after one reload on a new page: either way the symbol is priced and never fails.
    expect([["loading", "live"], ["loading", "reconnecting", "live"]]).toContainEqual(sink.states());
    await feed.close();
  });
});
