import { afterEach, describe, expect, it } from "vitest";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { CLEAN, rendererPids, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";

describe("scraper against the look-alike: spare pages", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    if (fixture) expect(await fixture.close()).toEqual(CLEAN);
    fixture = undefined;
  });

  it("when spares are kept, then cold symbols open on them and openPageCount counts only the symbols' pages", async () => {
    fixture = await startFixture({ sparePages: 2 });
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
    fixture = await startFixture({ sparePages: 2 });
    const { scraper } = fixture;
    const pid = scraper.browserProcessId() ?? -1;
    await expect.poll(() => rendererPids(pid).length >= 2, { timeout: 20_000, message: "the spares to open" }).toBe(true);
    const killed = rendererPids(pid);
    for (const renderer of killed) process.kill(renderer, "SIGKILL");
    // Two new renderers, not killed ones (which can linger in /proc until Chromium reaps them), show
    // that both spares' crashes were seen: each crash handler opens one replacement. (Chromium may
    // also have had a spare renderer of its own among the killed.)
    const fresh = () => rendererPids(pid).filter((renderer) => !killed.includes(renderer));
    await expect.poll(() => fresh().length >= 2, { timeout: 20_000, message: "the spares to be replaced" }).toBe(true);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("XRPUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    expect(sink.states()).toEqual(["loading", "live"]);
    await feed.close();
  });
});
