/**
 * The grid's market context end to end: real Chromium at the page, the real backend
 * process behind it, the look-alike behind that, steered over its control route. Each test opens
 * its own context and, when done, closes it and sees the server release every page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GridPage, OpenOptions } from "./support/grid-page.js";
import { createGridPages } from "./support/grid-pages.js";
import { createGridSuite, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { marketCard } from "./support/market-card.js";
import { simTicker } from "./support/probes.js";
import { priceAbove, steerSim } from "./support/sim-steer.js";

const suite = createGridSuite();
const { current } = suite;
const pages = createGridPages(suite);
const openGrid = (options?: OpenOptions) => pages.open(options);
const closeGrid = (grid: GridPage) => pages.close(grid);

/** plain is a price as the grid prints it, back to a plain decimal. */
const plain = (shown: string) => shown.replace(/,/g, "").replace("\u2212", "-");
/** grouped is a plain positive decimal as the grid prints it: "97133.45" → "97,133.45". */
const grouped = (decimal: string) => decimal.replace(/^\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ","));

/** holdPrice stops BTCUSD's walk and waits until the page shows the price it stopped at. */
async function holdPrice(grid: GridPage): Promise<string> {
  await steerSim(current().url, "BTCUSD", { reset: true, paused: true });
  const { price } = await simTicker(current().url, "BTCUSD");
  if (price === null) throw new Error("the look-alike does not know BTCUSD");
  await expect.poll(async () => plain(await grid.priceText("BTCUSD")), PAGES_OPEN).toBe(price);
  return price;
}

describe("market context in Chromium against the real server and the look-alike", () => {
  beforeAll(() => suite.start());

  afterEach(async () => {
    await pages.closeLeftovers();
  });

  afterAll(async () => {
    const { browserLeft, server, exitCode } = await suite.finish();
    expect(browserLeft).toEqual([]);
    if (server) expect(exitCode, server.logs()).toBe(0);
  });

  it("when BTCUSD is added, then its card shows the day's change in percent and a sparkline with points", async () => {
    const grid = await openGrid({ tickers: [] });
    await expect.poll(() => grid.connection(), QUICK).toBe("Live");
    await grid.add("btcusd", "enter");
    const card = marketCard(grid.card("BTCUSD"), "BTCUSD");

    await expect.poll(() => grid.phase("BTCUSD"), PAGES_OPEN).toBe("live");
    await expect.poll(() => card.change(), PAGES_OPEN).toMatch(/^[▲▼]? ?[+−]?[\d,]+(\.\d+)? \([+−]?\d+(\.\d+)?%\)$/);
    await expect.poll(() => card.sparklinePoints(), PAGES_OPEN).toBeGreaterThanOrEqual(3);
    const before = await card.sparklinePoints();
    // Extended live: the look-alike's walk moves on, and so does the line.
    await expect.poll(() => card.sparklinePoints(), PAGES_OPEN).toBeGreaterThan(before);

    // A newcomer gets the server's recent history first: with the walk paused, so that no live
    // quote can draw it, its line is at once as long as the first page's.
    await steerSim(current().url, "BTCUSD", { paused: true });
    try {
      const { price } = await simTicker(current().url, "BTCUSD");
      await expect.poll(async () => plain(await grid.priceText("BTCUSD")), QUICK).toBe(price);
      const held = await card.sparklinePoints();
      const newcomer = await openGrid({ tickers: ["BTCUSD"] });
      const theirs = marketCard(newcomer.card("BTCUSD"), "BTCUSD");
      await expect.poll(() => theirs.sparklinePoints(), QUICK).toBe(held);
      expect(await card.sparklinePoints()).toBe(held);
      await pages.closeBeside(newcomer);
    } finally {
      await steerSim(current().url, "BTCUSD", { reset: true });
    }

    await closeGrid(grid);
  });

  it("when an alert above the price is saved and the price is steered above it, then the card says the alert fired", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD"] });
    try {
      const price = await holdPrice(grid);
      const level = priceAbove(price, 10);
      const card = marketCard(grid.card("BTCUSD"), "BTCUSD");
      await card.setAlert(level, "Above");
      await expect.poll(() => card.alerts.textContent(), QUICK).toBe(`Above ${grouped(level)}Remove alert`);

      await steerSim(current().url, "BTCUSD", { price: priceAbove(price, 20) });
      const fired = `Alert: BTCUSD above ${grouped(level)}`;
      await expect.poll(() => card.alerts.getByText(fired, { exact: false }).count(), PAGES_OPEN).toBe(1);
      // The live region said it too, with the price that crossed.
      const said = `${fired} (price ${grouped(priceAbove(price, 20))}).`;
      expect(await grid.page.getByText(said, { exact: true }).count()).toBe(1);
    } finally {
      await steerSim(current().url, "BTCUSD", { reset: true });
    }

    await closeGrid(grid);
  });

  it("when the page is reloaded, then the alerts are still listed, and a removed one stays removed", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD"] });
    await expect.poll(() => grid.phase("BTCUSD"), PAGES_OPEN).toBe("live");
    const card = marketCard(grid.card("BTCUSD"), "BTCUSD");
    await card.setAlert("1", "Below");
    await expect.poll(() => card.alerts.textContent(), QUICK).toBe("Below 1Remove alert");

    await grid.page.reload();
    await expect.poll(() => grid.phase("BTCUSD"), PAGES_OPEN).toBe("live");
    await expect.poll(() => card.alerts.textContent(), QUICK).toBe("Below 1Remove alert");

    await card.alerts.getByRole("button", { name: "Remove alert", exact: true }).click();
    await expect.poll(() => card.alerts.count(), QUICK).toBe(0);
    await grid.page.reload();
    await expect.poll(() => grid.phase("BTCUSD"), PAGES_OPEN).toBe("live");
    expect(await card.alerts.count()).toBe(0);

    await closeGrid(grid);
  });
});
