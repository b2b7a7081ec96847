/**
 * The grid's alerts end to end: real Chromium at the page, the built server in demo mode behind it,
 * the look-alike steered over its level. The alert is set through the server, fires there, is told
 * on the card, in the live region and with a beep, and outlives reloads; a not-found card offers none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGrid, type GridPage } from "./support/grid-page.js";
import { createGridSuite, expectCleanEnd, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { steerSim } from "./support/sim-steer.js";

const suite = createGridSuite();
const { current, browser } = suite;

beforeAll(async () => {
  await suite.start();
});

afterAll(async () => {
  expectCleanEnd(await suite.finish());
});

/** countBeeps makes every page of `grid`'s context count the oscillators it starts, in `window.beeps`. */
async function countBeeps(grid: GridPage): Promise<void> {
  await grid.page.context().addInitScript(() => {
    const counted = window as unknown as { beeps: number };
    counted.beeps = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      counted.beeps += 1;
      return start.apply(this, args);
    };
  });
  await grid.page.reload();
}

const beeps = (grid: GridPage) => grid.page.evaluate(() => (window as unknown as { beeps: number }).beeps);
const calls = (grid: GridPage, method: string) => grid.apiCalls.filter((call) => call === method).length;
/** alertsSet counts the alerts the server says it set (its `alert.set` log lines). */
const alertsSet = () => current().logs().split('"alert.set"').length - 1;
/** announced is the text of the page's polite live regions, as a screen reader hears them. */
const announced = async (grid: GridPage) => (await grid.page.locator('[aria-live="polite"]').allTextContents()).join(" ");

describe("alerts in the web grid", () => {
  it("when an alert is set and the price crosses it, then it fires from the server, is announced and beeps, and it outlives reloads", async () => {
    await steerSim(current().url, "BTCUSD", { price: "90000", paused: true });
    const grid = await openGrid(browser(), current().url, { tickers: ["BTCUSD"] });
    await countBeeps(grid);
    await expect.poll(() => grid.priceText("BTCUSD"), PAGES_OPEN).toBe("90,000.00");

    await grid.page.getByRole("button", { name: "Alert sound" }).click();
    expect(await grid.page.getByRole("button", { name: "Alert sound" }).getAttribute("aria-pressed")).toBe("true");
    await grid.page.getByRole("button", { name: "Set alert for BTCUSD" }).click();
    await grid.page.getByRole("spinbutton", { name: "Alert price" }).fill("95000");
    await grid.page.getByRole("spinbutton", { name: "Alert price" }).press("Enter");
    const alerts = grid.card("BTCUSD").getByRole("group", { name: "Alerts for BTCUSD" });
    await expect.poll(() => alerts.textContent(), QUICK).toContain("Above 95,000");
    await expect.poll(() => calls(grid, "SetAlert"), QUICK).toBe(1);

    // A reload keeps the alert and sets it again on the new Watch; the sound stays on.
    await grid.page.reload();
    await expect.poll(() => alerts.textContent(), QUICK).toContain("Above 95,000");
    await expect.poll(() => calls(grid, "SetAlert"), PAGES_OPEN).toBe(2);
    // Steer only once the server holds it and the new Watch saw a price under the level (the reload
    // closed the page and its cache): seeing the level passed first, it would wait for a real cross.
    await expect.poll(alertsSet, QUICK).toBe(2);
    await expect.poll(() => grid.priceText("BTCUSD"), PAGES_OPEN).toBe("90,000.00");
    expect(await grid.page.getByRole("button", { name: "Alert sound" }).getAttribute("aria-pressed")).toBe("true");
    const beepsBefore = await beeps(grid);

    await steerSim(current().url, "BTCUSD", { price: "95000.5" });
    await expect.poll(() => alerts.textContent(), PAGES_OPEN).toContain("Alert: BTCUSD above 95,000");
    await expect.poll(() => announced(grid), QUICK).toContain("Alert: BTCUSD above 95,000 (price 95,000.50).");
    expect(await beeps(grid)).toBe(beepsBefore + 1);

    // Fired, it stays on the card after a reload and is not set again.
    await grid.page.reload();
    await expect.poll(() => alerts.textContent(), QUICK).toContain("Alert: BTCUSD above 95,000");
    await expect.poll(() => grid.priceText("BTCUSD"), PAGES_OPEN).toBe("95,000.50");
    expect(calls(grid, "SetAlert")).toBe(2);
    expect(grid.pageErrors).toEqual([]);
    await grid.close();
  });

  it("when a ticker is not found, then its card offers no alert", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: ["NOPECOIN"] });
    await expect.poll(() => grid.phase("NOPECOIN"), PAGES_OPEN).toBe("not-found");
    expect(await grid.page.getByRole("button", { name: /^Set alert/ }).count()).toBe(0);
    await grid.close();
  });
});
