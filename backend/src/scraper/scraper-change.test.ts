import { afterEach, describe, expect, it } from "vitest";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { CLEAN, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";

describe("scraper against the look-alike: the day's change", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
  });

  it("when the page shows the change beside the price, then each quote carries it, read from the price's header", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    market.pause("BTCUSD", true);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("BTCUSD"), sink);
    await sink.until("the first price", () => sink.observations.length === 1);
    const seeded = market.currentChange("BTCUSD")!;
    // Not the related symbol's "+9,999.99" / "+99.99%", which comes first in the document.
    expect(sink.observations[0]).toMatchObject({ price: "97123.45", change: seeded.value, changePercent: seeded.percent });

    market.steerChange("BTCUSD", { open: "100000.00" });
    market.setPrice("BTCUSD", "98765.43");
    await sink.until("the steered price", () => sink.prices().includes("98765.43"));
    market.steerChange("BTCUSD", { value: "-1234.56", percent: "-0.45", parenthesized: true });
    await sink.until("the pinned change", () => sink.observations.some((o) => o.change === "-1234.56"));
    expect(sink.quotes().slice(-2)).toEqual(["98765.43 -1234.57 -1.23", "98765.43 -1234.56 -0.45"]);

    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when the day rolls over, then a quote with the new change is sent though the price stood still", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    market.pause("ETHUSD", true);
    market.steerChange("ETHUSD", { open: "3000.00" });
    const sink = createRecorder();
    const feed = scraper.watch(symbol("ETHUSD"), sink);
    await sink.until("the first price", () => sink.observations.length === 1);
    market.steerChange("ETHUSD", { rollover: true });
    await sink.until("the rollover", () => sink.observations.length === 2);
    expect(sink.quotes()).toEqual(["3456.78 456.78 15.23", "3456.78 0.00 0.00"]);
    expect(sink.states()).toEqual(["loading", "live"]);
    await feed.close();
  });

  it("when the page shows no change, then prices still come at once, without one", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    market.pause("SOLUSD", true);
    market.steerChange("SOLUSD", { hidden: true });
    const sink = createRecorder();
    const feed = scraper.watch(symbol("SOLUSD"), sink);
    await sink.until("the first price", () => sink.observations.length === 1);
    market.setPrice("SOLUSD", "190.01");
    await sink.until("the next price", () => sink.prices().includes("190.01"));
    expect(sink.quotes()).toEqual(["187.65 - -", "190.01 - -"]);
    market.steerChange("SOLUSD", { hidden: false, open: "190.00" });
    await sink.until("the change to appear", () => sink.observations.length === 3);
    expect(sink.quotes().at(-1)).toBe("190.01 0.01 0.01");
    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });
});
