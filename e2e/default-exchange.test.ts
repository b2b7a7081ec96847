/**
 * One rule for symbols, end to end: a server whose default exchange is COINBASE, real
 * Chromium at the grid. A ticker typed with its exchange keeps it; one on the server's default is
 * accepted; what the grid saves names each exchange, whatever the default.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive } from "@crypto-stream/test-support/processes";
import { openGrid, PRICE, TICKER_LIST_KEY } from "./support/grid-page.js";
import { createGridSuite, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { readiness } from "./support/probes.js";

const suite = createGridSuite();
const { current, browser } = suite;

/** opened are the URLs of the symbol pages the server opened so far, from its logs. */
function opened(): string[] {
  return current()
    .logs()
    .split("\n")
    .filter((line) => line.includes('"page.opened"'))
    .map((line) => (JSON.parse(line) as { url: string }).url);
}

describe("the grid on a server whose default exchange is COINBASE", () => {
  beforeAll(async () => {
    await suite.start({ env: { DEFAULT_EXCHANGE: "COINBASE" } });
  });

  afterAll(async () => {
    const { server, exitCode } = await suite.finish();
    if (server) {
      expect(exitCode, server.logs()).toBe(0);
      expect(alive(server.child.pid!)).toBe(false);
      expect(server.logs()).not.toContain('"level":"error"');
    }
  });

  it("when BINANCE:SOLUSD and COINBASE:XRPUSD are added, then each is watched on its own exchange and priced", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: [] });
    await expect.poll(() => grid.connection(), QUICK).toBe("Live");

    await grid.add("binance:solusd");
    await grid.add("COINBASE:XRPUSD", "enter");

    // The server's names: Binance's SOLUSD says so; XRPUSD is on the default, COINBASE.
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["BINANCE:SOLUSD", "XRPUSD"]);
    for (const symbol of ["BINANCE:SOLUSD", "XRPUSD"]) {
      await expect.poll(() => grid.phase(symbol), PAGES_OPEN).toBe("live");
      expect(await grid.priceText(symbol)).toMatch(PRICE);
    }
    expect(opened().filter((url) => url.includes("/symbols/SOLUSD/"))).toEqual([
      expect.stringMatching(/\/symbols\/SOLUSD\/\?exchange=BINANCE$/),
    ]);
    expect(opened().filter((url) => url.includes("/symbols/XRPUSD/"))).toEqual([
      expect.stringMatching(/\/symbols\/XRPUSD\/\?exchange=COINBASE$/),
    ]);
    expect(current().logs()).toContain('"symbol":"BINANCE:SOLUSD"');

    // Saved with every exchange named, so the list keeps meaning these markets if the default changes.
    const saved = await grid.page.evaluate((key) => localStorage.getItem(key), TICKER_LIST_KEY);
    expect(JSON.parse(saved ?? "null")).toEqual(["BINANCE:SOLUSD", "COINBASE:XRPUSD"]);

    // A reload shows the same cards under the same names, and prices them again.
    await grid.page.reload();
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["BINANCE:SOLUSD", "XRPUSD"]);
    await expect.poll(() => grid.phase("BINANCE:SOLUSD"), PAGES_OPEN).toBe("live");
    await expect.poll(() => grid.phase("XRPUSD"), PAGES_OPEN).toBe("live");
    expect(opened().filter((url) => /\/symbols\/(SOLUSD|XRPUSD)\//.test(url))).not.toContainEqual(
      expect.stringMatching(/SOLUSD\/\?exchange=COINBASE|XRPUSD\/\?exchange=BINANCE/),
    );

    expect(grid.pageErrors).toEqual([]);
    await grid.close();
    await expect.poll(() => readiness(current().url), QUICK).toMatchObject({ watches: 0, symbols: 0, openFeeds: 0 });
  });
});
