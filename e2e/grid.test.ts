/**
 * The web grid end to end: real Chromium at the page, the real backend process behind it,
 * the built-in TradingView look-alike behind that. One server and one browser for the file; each
 * test opens its own context and, when done, closes it and sees the server release every page.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alive } from "@crypto-stream/test-support/processes";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { repoRoot } from "@crypto-stream/test-support/spawn-in-repo";
import { openGrid, PRICE, type GridPage } from "./support/grid-page.js";
import { createGridSuite, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { readiness, simTicker } from "./support/probes.js";

const FIRST_VISIT = ["BTCUSD", "ETHUSD", "SOLUSD"];
const SCREENSHOT = join(repoRoot, "test-results", "grid.png");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const suite = createGridSuite();
const { current, browser } = suite;

/** stopServer stops `handle` and checks it exited 0, logged no error and left no process behind. */
async function stopServer(handle: ServerProcess): Promise<void> {
  if (suite.server === handle) suite.server = undefined;
  expect(await handle.stop(), handle.logs()).toBe(0);
  expect(handle.leftovers()).toEqual([]);
  expect(alive(handle.child.pid!)).toBe(false);
  expect(handle.logs()).toContain('"server.stopped"');
  expect(handle.logs()).not.toContain('"level":"error"');
}

/** livePrices waits until every card of `symbols` is live with a price, and returns the prices. */
async function livePrices(grid: GridPage, symbols: readonly string[]): Promise<Map<string, string>> {
  const read = async () =>
    new Map(await Promise.all(symbols.map(async (s) => [s, await grid.priceText(s)] as const)));
  const ready = async () => {
    for (const symbol of symbols) {
      if ((await grid.phase(symbol)) !== "live" || !PRICE.test(await grid.priceText(symbol))) return symbol;
    }
    return "all live";
  };
  await expect.poll(ready, PAGES_OPEN).toBe("all live");
  return read();
}

/**
 * closeGrid closes the page and sees the server end its watch and release every symbol, and the
 * look-alike see the server's pages of `symbols` close (their sockets drop a moment after).
 */
async function closeGrid(grid: GridPage, symbols: readonly string[]): Promise<void> {
  expect(grid.pageErrors).toEqual([]);
  await grid.close();
  expect(grid.page.isClosed()).toBe(true);
  await expect
    .poll(() => readiness(current().url), QUICK)
    .toMatchObject({ watches: 0, subscribers: 0, symbols: 0, openFeeds: 0 });
  const openConnections = async () =>
    Promise.all(symbols.map(async (symbol) => (await simTicker(current().url, symbol)).openConnections));
  await expect.poll(openConnections, QUICK).toEqual(symbols.map(() => 0));
}

describe("the web grid in Chromium against the real server", () => {
  beforeAll(async () => {
    await rm(SCREENSHOT, { force: true });
    await suite.start();
  });

  afterAll(async () => {
    try {
      expect(await suite.closeBrowser()).toEqual([]);
    } finally {
      if (suite.server) await stopServer(suite.server);
    }
  });

  it("when 8 tickers are added on a first visit, then every one shows a price, in alphabetical order", async () => {
    const grid = await openGrid(browser(), current().url);
    await expect.poll(() => grid.symbols(), QUICK).toEqual(FIRST_VISIT);

    // Typed as a person might: any order, lower case, stray spaces, button or Enter.
    const added = ["xrpusd", " DOGEUSD ", "adausd", "BTCUSDT", "linkusd", "LTCUSD", "avaxusd", "bnbusd"];
    for (const [i, input] of added.entries()) await grid.add(input, i % 2 === 0 ? "button" : "enter");

    const all = [...FIRST_VISIT, ...added.map((s) => s.trim().toUpperCase())].sort();
    expect(all).toHaveLength(11);
    expect(await grid.symbols()).toEqual(all);
    const prices = await livePrices(grid, all);
    expect([...prices.values()].every((price) => PRICE.test(price))).toBe(true);
    expect(await grid.symbols()).toEqual(all);
    await expect.poll(async () => (await readiness(current().url)).openFeeds, QUICK).toBe(11);

    await closeGrid(grid, all);
  });

  it("when a ticker is removed, then its card goes and the server closes its page", async () => {
    const grid = await openGrid(browser(), current().url);
    await livePrices(grid, FIRST_VISIT);
    expect((await simTicker(current().url, "ETHUSD")).openConnections).toBeGreaterThan(0);
    expect((await readiness(current().url)).openFeeds).toBe(3);

    await grid.remove("ETHUSD");
    expect(await grid.symbols()).toEqual(["BTCUSD", "SOLUSD"]);
    await expect.poll(async () => (await simTicker(current().url, "ETHUSD")).openConnections, QUICK).toBe(0);
    expect(await readiness(current().url)).toMatchObject({ symbols: 2, openFeeds: 2 });
    expect((await simTicker(current().url, "BTCUSD")).openConnections).toBeGreaterThan(0);
    expect(await grid.symbols()).toEqual(["BTCUSD", "SOLUSD"]);

    await closeGrid(grid, ["BTCUSD", "SOLUSD"]);
  });

  it("when an unknown ticker is added, then its card says not found", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: [] });
    await expect.poll(() => grid.connection(), QUICK).toBe("Live");

    await grid.add("nopecoin", "enter");
    expect(await grid.symbols()).toEqual(["NOPECOIN"]);
    await expect.poll(() => grid.phase("NOPECOIN"), PAGES_OPEN).toBe("not-found");
    expect(await grid.card("NOPECOIN").textContent()).toMatch(/not found/i);
    expect(await grid.priceText("NOPECOIN")).toBe("");
    expect((await simTicker(current().url, "NOPECOIN")).known).toBe(false);

    await closeGrid(grid, ["NOPECOIN"]);
  });

  it("when tickers are added and removed, then the browser console logs connected, subscribed and removed", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: ["BTCUSD"] });
    await livePrices(grid, ["BTCUSD"]);
    await grid.add("XRPUSD");
    await livePrices(grid, ["BTCUSD", "XRPUSD"]);
    await grid.remove("XRPUSD");
    await expect.poll(async () => (await simTicker(current().url, "XRPUSD")).openConnections, QUICK).toBe(0);

    const ours = grid.consoleLines.filter((line) => line.startsWith("[crypto-stream] "));
    const events = [/ connected: watching 1 symbols?$/, / subscribed XRPUSD$/, / removed XRPUSD$/];
    const at = events.map((event) => ours.findIndex((line) => event.test(line)));
    expect(at.every((index) => index >= 0), ours.join("\n")).toBe(true);
    expect(at, "logged in the order they happened").toEqual([...at].sort((a, b) => a - b));
    expect(ours.filter((line) => / removed XRPUSD$/.test(line)), "a removal is logged once").toHaveLength(1);

    await closeGrid(grid, ["BTCUSD", "XRPUSD"]);
  });

  it("when the backend stops and a new one starts on the same port, then the page reconnects and prices resume without duplicate rows", async () => {
    const grid = await openGrid(browser(), current().url);
    await livePrices(grid, FIRST_VISIT);
    const first = current();

    await stopServer(first);
    await expect.poll(() => grid.connection(), QUICK).toMatch(/^(Reconnecting|Offline)$/);
    expect(await grid.phase("BTCUSD")).toBe("reconnecting");
    expect(grid.consoleLines.some((line) => line.includes("stream lost (Unavailable"))).toBe(true);

    suite.server = await startServerProcess({ port: first.port });
    expect(current().url).toBe(first.url);
    // The page's backoff (about 1 s doubling) decides when it tries again: a bounded wait.
    await expect.poll(() => grid.connection(), PAGES_OPEN).toBe("Live");
    const atReconnect = await grid.priceText("BTCUSD");
    await livePrices(grid, FIRST_VISIT);
    await expect.poll(() => grid.priceText("BTCUSD"), PAGES_OPEN).not.toBe(atReconnect);
    expect(await grid.phase("BTCUSD")).toBe("live");
    expect(await grid.symbols()).toEqual(FIRST_VISIT);
    expect(await grid.cards.count()).toBe(3);
    const connected = grid.consoleLines.filter((line) => line.includes("connected: watching 3 symbols"));
    expect(connected).toHaveLength(2);

    await closeGrid(grid, FIRST_VISIT);
  });

  it("when 8 tickers are live, then a screenshot of the grid is saved as a test artifact", async () => {
    const tickers = ["ADAUSD", "BNBUSD", "BTCUSD", "DOGEUSD", "ETHUSD", "LINKUSD", "SOLUSD", "XRPUSD"];
    const grid = await openGrid(browser(), current().url, { tickers });
    await livePrices(grid, tickers);
    expect(await grid.symbols()).toEqual(tickers);
    expect(await grid.connection()).toBe("Live");

    await mkdir(join(repoRoot, "test-results"), { recursive: true });
    await grid.page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR holds the width and height; the page is laid out at 1280 px.
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.length).toBeGreaterThan(10_000);

    await closeGrid(grid, tickers);
  });
});
