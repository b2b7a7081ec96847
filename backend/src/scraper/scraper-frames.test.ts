import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { HOSTILE_PRICE } from "../sim/hostile-page.js";
import { OBSERVER_BINDING } from "./page-report.js";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { CLEAN, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";

describe("scraper against the look-alike: frames of the page", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
  });

  it("when an iframe on the page calls the report binding, then its prices, megabyte prices and not-found are refused", async () => {
    const lines: string[] = [];
    fixture = await startFixture({ logger: createLogger({ level: "debug", sink: (line) => lines.push(line) }) });
    const { market, scraper } = fixture;
    market.pause("SOLUSD", true);
    market.embedHostileFrame("SOLUSD", OBSERVER_BINDING);
    const start = market.currentPrice("SOLUSD");
    const sink = createRecorder();
    const feed = scraper.watch(symbol("SOLUSD"), sink);
    await sink.until("the first price", () => sink.prices().length > 0);

    // The frame sends three reports a round, twenty rounds; wait until three rounds were heard.
    const refused = () => lines.filter((line) => line.includes('"page.report_refused"') && line.includes('"not_main_frame"')).length;
    await expect.poll(refused, { timeout: 15_000, message: "the frame's reports to be refused" }).toBeGreaterThanOrEqual(9);
    market.setPrice("SOLUSD", "190.01");
    await sink.until("the steered price", () => sink.prices().includes("190.01"));
    expect(sink.prices()).toEqual([start, "190.01"]);
    expect(sink.prices()).not.toContain(HOSTILE_PRICE);
    expect(sink.states()).toEqual(["loading", "live"]);
    // Nothing the frame sent reached a log line either.
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2_000);

    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });
});
