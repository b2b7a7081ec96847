/**
 * Dev mode as a developer runs it: a server already running, then `npm run dev` (Vite, hot reload)
 * pointed at it with BACKEND_URL. The grid Vite serves must stream prices and show the Status view:
 * Vite forwards both services, and the server takes the calls as coming from the page's own origin.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "@crypto-stream/test-support/free-port";
import { alive } from "@crypto-stream/test-support/processes";
import { spawnInRepo, type Spawned } from "@crypto-stream/test-support/spawn-in-repo";
import { openGrid, PRICE } from "./support/grid-page.js";
import { createGridSuite, expectCleanEnd, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { serverCounts, statusView } from "./support/status-view.js";

const suite = createGridSuite();
const { current, browser } = suite;
let dev: Spawned | undefined;
let devUrl = "";

beforeAll(async () => {
  await suite.start();
  const port = await freePort();
  devUrl = `http://localhost:${port}`;
  // Its own process group, as a terminal gives it: npm, vite and esbuild end together.
  dev = spawnInRepo("npm", ["run", "dev", "--", "--port", String(port)], { BACKEND_URL: current().url }, { detached: true });
  await vi.waitFor(
    async () => {
      if (dev?.child.exitCode !== null) throw new Error(`npm run dev exited:\n${dev?.output()}`);
      const res = await fetch(devUrl);
      await res.body?.cancel();
      expect(res.status, `npm run dev to serve ${devUrl}`).toBe(200);
    },
    { timeout: 60_000, interval: 200 },
  );
});

afterAll(async () => {
  if (dev?.child.exitCode === null) {
    process.kill(-dev.child.pid!, "SIGTERM");
    await dev.exited;
    expect(alive(dev.child.pid!)).toBe(false);
  }
  expectCleanEnd(await suite.finish());
});

describe("npm run dev against a running server", () => {
  it("when the grid is opened on the dev server, then it streams prices, shows the Status view and lets go when closed", async () => {
    const grid = await openGrid(browser(), devUrl, { tickers: ["BTCUSD"] });
    await expect.poll(async () => PRICE.test(await grid.priceText("BTCUSD")), PAGES_OPEN).toBe(true);

    const status = statusView(grid.page);
    await status.button.click();
    await expect.poll(() => status.row("BTCUSD").count(), QUICK).toBe(1);
    expect(await status.subscribers("BTCUSD")).toBe(1);

    expect(grid.pageErrors).toEqual([]);
    await grid.close();
    await expect.poll(() => serverCounts(current().url), QUICK).toEqual({ openStreams: 0, watches: 0, symbols: [] });
  });
});
