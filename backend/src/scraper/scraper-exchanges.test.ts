import { afterEach, describe, expect, it } from "vitest";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { CLEAN, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";

describe("scraper against the look-alike: one ticker on two exchanges", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
  });

  it("when ETHUSD and COINBASE:ETHUSD are watched, then each page shows its own exchange's price and change", async () => {
    fixture = await startFixture();
    const { market, scraper } = fixture;
    market.pause("ETHUSD", true);
    market.pause("COINBASE:ETHUSD", true);
    const binance = createRecorder();
    const coinbase = createRecorder();
    const binanceFeed = scraper.watch(symbol("ETHUSD"), binance);
    const coinbaseFeed = scraper.watch({ exchange: "COINBASE", ticker: "ETHUSD", id: "COINBASE:ETHUSD" }, coinbase);
    await binance.until("BINANCE's price", () => binance.prices().length > 0);
    await coinbase.until("COINBASE's price", () => coinbase.prices().length > 0);

    expect(binance.prices()).toEqual([market.currentPrice("ETHUSD")]);
    expect(coinbase.prices()).toEqual([market.currentPrice("COINBASE:ETHUSD")]);
    expect(coinbase.prices()[0]).not.toBe(binance.prices()[0]);
    expect(coinbase.observations[0]?.change).not.toBe(binance.observations[0]?.change);
    expect(market.openConnections("BINANCE:ETHUSD")).toBe(1);
    expect(market.openConnections("COINBASE:ETHUSD")).toBe(1);

    market.setPrice("COINBASE:ETHUSD", "3460.01");
    await coinbase.until("the steered price", () => coinbase.prices().includes("3460.01"));
    expect(binance.prices()).toHaveLength(1);

    await Promise.all([binanceFeed.close(), coinbaseFeed.close()]);
    expect(scraper.openPageCount()).toBe(0);
  });
});
