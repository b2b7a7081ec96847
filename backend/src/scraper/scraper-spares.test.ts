import { afterEach, describe, expect, it } from "vitest";
import { createRecorder, eventually, rendererPids, startFixture, symbol, type Fixture } from "./integration-fixture.js";

describe("scraper against the look-alike: spare pages", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it("when spares are kept, then cold symbols open on them and openPageCount counts only the symbols' pages", async () => {
    fixture = await startFixture({ sparePages: 2 });
    const { scraper } = fixture;
    const pid = scraper.browserProcessId() ?? -1;
    // Two blank spares, each with a renderer of its own.
    await eventually("the spares to open", () => rendererPids(pid).length >= 2);
    expect(scraper.openPageCount()).toBe(0);
    const sinks = ["BTCUSD", "ETHUSD", "SOLUSD"].map((ticker) => {
      const sink = createRecorder();
      return { sink, feed: scraper.watch(symbol(ticker), sink) };
    });
    for (const { sink } of sinks) await sink.until("a price", () => sink.prices().length > 0);
    await eventually("three pages and the spares refilled", () => scraper.openPageCount() === 3 && rendererPids(pid).length >= 5);
    for (const { feed } of sinks) await feed.close();
    await eventually("the symbols' pages to close", () => scraper.openPageCount() === 0);
  });

  it("when the spares' renderers crash, then they are replaced and a cold symbol still gets its price", async () => {
    fixture = await startFixture({ sparePages: 2 });
    const { scraper } = fixture;
    const pid = scraper.browserProcessId() ?? -1;
    await eventually("the spares to open", () => rendererPids(pid).length >= 2);
    for (const renderer of rendererPids(pid)) process.kill(renderer, "SIGKILL");
    await eventually("the spares to be replaced", () => rendererPids(pid).length >= 2);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("XRPUSD"), sink);
    await sink.until("a price", () => sink.prices().length > 0);
    expect(sink.states()).toEqual(["loading", "live"]);
    await feed.close();
  });
});
