/**
 * The Status view end to end: real Chromium at the grid, the real backend process
 * behind it, the built-in TradingView look-alike behind that. The view must show what the server
 * does as a person changes their tickers, and let go of its calls when it closes.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@crypto-stream/test-support/spawn-in-repo";
import { openGrid, type GridPage } from "./support/grid-page.js";
import { createGridSuite, expectCleanEnd, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { readiness, simTicker } from "./support/probes.js";
import { serverCounts, statusView } from "./support/status-view.js";

const SCREENSHOT = join(repoRoot, "test-results", "status-view.png");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const suite = createGridSuite();
const { current, browser } = suite;

/** closeGrid closes the page and sees the server end every stream and release every symbol. */
async function closeGrid(grid: GridPage): Promise<void> {
  expect(grid.pageErrors).toEqual([]);
  await grid.close();
  await expect.poll(() => serverCounts(current().url), QUICK).toEqual({ openStreams: 0, watches: 0, symbols: [] });
  expect(await readiness(current().url)).toMatchObject({ watches: 0, subscribers: 0, symbols: 0, openFeeds: 0 });
}

describe("the Status view in Chromium against the real server", () => {
  beforeAll(async () => {
    await rm(SCREENSHOT, { force: true });
    await suite.start();
  });

  afterAll(async () => {
    expectCleanEnd(await suite.finish());
  });

  it("when LINKUSD is added and Status opened, then its row shows a subscriber and the activity its page opening", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: ["BTCUSD"] });
    await expect.poll(() => grid.connection(), QUICK).toBe("Live");
    const status = statusView(grid.page);

    await grid.add("LINKUSD");
    await expect.poll(() => grid.phase("LINKUSD"), PAGES_OPEN).toBe("live");
    await status.button.click();
    expect(await status.button.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => status.row("LINKUSD").count(), QUICK).toBe(1);
    expect(await status.subscribers("LINKUSD")).toBeGreaterThanOrEqual(1);
    expect(await status.row("LINKUSD").getByRole("cell").first().textContent()).toBe("Live");
    await expect.poll(() => status.events("LINKUSD", "page opened").count(), QUICK).toBeGreaterThanOrEqual(1);

    await mkdir(join(repoRoot, "test-results"), { recursive: true });
    await grid.page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await readFile(SCREENSHOT)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    // Open, the view holds one activity stream beside the page's Watch; closed, only the Watch is left.
    expect(await serverCounts(current().url)).toMatchObject({ openStreams: 2, watches: 1 });
    await status.button.click();
    expect(await status.button.getAttribute("aria-expanded")).toBe("false");
    expect(await status.table.count()).toBe(0);
    await expect.poll(async () => (await serverCounts(current().url)).openStreams, QUICK).toBe(1);

    await closeGrid(grid);
  });

  it("when LINKUSD is removed, then its row goes and a released event appears on top of its page opening", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: ["BTCUSD", "LINKUSD"] });
    await expect.poll(() => grid.phase("LINKUSD"), PAGES_OPEN).toBe("live");
    const status = statusView(grid.page);
    await status.button.click();
    await expect.poll(() => status.row("LINKUSD").count(), QUICK).toBe(1);

    await grid.remove("LINKUSD");
    await expect.poll(() => status.row("LINKUSD").count(), QUICK).toBe(0);
    expect(await status.row("BTCUSD").count()).toBe(1);
    // Newest first: exactly one release above this page's opening. The replay, oldest first, brings
    // earlier tests' events for LINKUSD too, all below it, so nothing is counted from a moment when
    // the replay might still be arriving.
    const releasedSinceOpened = async () => {
      const kinds = await status.activity.filter({ hasText: "LINKUSD" }).locator(".activity-kind").allTextContents();
      const opened = kinds.indexOf("page opened");
      return opened < 0 ? -1 : kinds.slice(0, opened).filter((kind) => kind === "released").length;
    };
    await expect.poll(releasedSinceOpened, QUICK).toBe(1);
    await expect.poll(async () => (await simTicker(current().url, "LINKUSD")).openConnections, QUICK).toBe(0);

    await closeGrid(grid);
  });
});
