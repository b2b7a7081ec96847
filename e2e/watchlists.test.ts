/**
 * Watchlists end to end: real Chromium at the page, the real server and the look-alike behind it.
 * Several lists, the one used last on reload, a file out and back in, a bad file refused, a
 * shared link opened and saved as a new list, and no accessibility violation in light or dark.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe.js";
import type { GridPage, OpenOptions } from "./support/grid-page.js";
import { createGridPages, hookGridSuite } from "./support/grid-pages.js";
import { createGridSuite, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { readiness } from "./support/probes.js";

const LISTS_KEY = "crypto-stream.watchlists.v1";
const suite = createGridSuite();
const { current } = suite;
const pages = createGridPages(suite);
const openGrid = (options?: OpenOptions) => pages.open(options);
const closeGrid = (grid: GridPage) => pages.close(grid);
const picker = (grid: GridPage) => grid.page.getByRole("combobox", { name: "List" });
const pickedName = (grid: GridPage) => picker(grid).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent);
const outcome = (grid: GridPage) => grid.page.getByRole("region", { name: "Watchlists" }).getByRole("status");
const savedLists = (grid: GridPage) =>
  grid.page.evaluate((key) => localStorage.getItem(key), LISTS_KEY).then((raw) => JSON.parse(raw ?? "null") as { lists: { name: string; symbols: string[] }[] } | null);

async function newList(grid: GridPage, name: string): Promise<void> {
  await grid.page.getByRole("button", { name: "New list", exact: true }).click();
  const field = grid.page.getByRole("textbox", { name: "New list name" });
  await field.fill(name);
  await field.press("Enter");
}

describe("watchlists in Chromium against the real server", () => {
  hookGridSuite(suite, pages);

  it("when an older version's single list is there, then it becomes the first list, and lists switch with the server following", async () => {
    const grid = await openGrid({ tickers: ["BINANCE:BTCUSD", "COINBASE:ETHUSD"] });
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["BTCUSD", "COINBASE:ETHUSD"]);
    expect(await pickedName(grid)).toBe("My list (2)");

    await newList(grid, "Alts");
    await expect.poll(() => grid.cards.count(), QUICK).toBe(0);
    await grid.add("solusd", "enter");
    await expect.poll(() => grid.phase("SOLUSD"), PAGES_OPEN).toBe("live");
    await expect.poll(() => readiness(current().url), QUICK).toMatchObject({ watches: 1, symbols: 1 });

    await picker(grid).selectOption({ label: "My list (2)" });
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["BTCUSD", "COINBASE:ETHUSD"]);
    await expect.poll(() => readiness(current().url), QUICK).toMatchObject({ watches: 1, symbols: 2 });

    await picker(grid).selectOption({ label: "Alts (1)" });
    await grid.page.reload();
    await expect.poll(() => pickedName(grid), QUICK).toBe("Alts (1)");
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["SOLUSD"]);
    expect(grid.apiCalls.filter((call) => call === "Watch")).toHaveLength(2);

    await closeGrid(grid);
  });

  it("when lists are exported and the file imported elsewhere, then they arrive beside the lists there; a bad file changes nothing", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD"] });
    await newList(grid, "Majors");
    await grid.add("ETHUSD");
    const download = grid.page.waitForEvent("download");
    await grid.page.getByRole("button", { name: "Export lists", exact: true }).click();
    const file = await (await download).path();
    const text = await readFile(file, "utf8");
    expect(JSON.parse(text)).toMatchObject({ format: "crypto-stream.watchlists", lists: [{ name: "My list" }, { name: "Majors" }] });
    await closeGrid(grid);

    const other = await openGrid({ tickers: ["SOLUSD"] });
    await expect.poll(() => other.symbols(), QUICK).toEqual(["SOLUSD"]);
    // The grid saves its first list once it has loaded; the bad files must leave that as it is.
    await expect.poll(() => savedLists(other).then((saved) => saved?.lists.map((list) => list.symbols)), QUICK).toEqual([["BINANCE:SOLUSD"]]);
    const before = await savedLists(other);
    const input = other.page.getByLabel("Watchlist file to import");
    for (const bad of ["{not json", JSON.stringify({ format: "crypto-stream.watchlists", version: 1, lists: [{ name: "X", symbols: ["BAD TICKER"] }] })]) {
      await input.setInputFiles({ name: "lists.json", mimeType: "application/json", buffer: Buffer.from(bad) });
      await expect.poll(() => outcome(other).textContent(), QUICK).toMatch(/^This file cannot be imported: .*Nothing was changed\.$/);
      expect(await savedLists(other)).toEqual(before);
    }
    await input.setInputFiles({ name: "lists.json", mimeType: "application/json", buffer: Buffer.from("x".repeat(300 * 1024)) });
    await expect.poll(() => outcome(other).textContent(), QUICK).toMatch(/larger than 256 kB/);

    // From the keyboard: Enter on the focused Import button opens the file chooser.
    const chooser = other.page.waitForEvent("filechooser");
    await other.page.getByRole("button", { name: "Import lists", exact: true }).focus();
    await other.page.keyboard.press("Enter");
    await (await chooser).setFiles({ name: "crypto-stream-watchlists.json", mimeType: "application/json", buffer: Buffer.from(text) });
    await expect.poll(() => outcome(other).textContent(), QUICK).toBe('Imported 2 lists: "My list (2)", "Majors".');
    await picker(other).selectOption({ label: "Majors (1)" });
    await expect.poll(() => other.symbols(), QUICK).toEqual(["ETHUSD"]);
    await other.page.reload();
    await expect.poll(() => pickedName(other), QUICK).toBe("Majors (1)");

    await closeGrid(other);
  });

  it("when a shared link opens, then its list shows, the visitor's lists stay, and it is saved only as a new list", async () => {
    const grid = await openGrid({ tickers: ["SOLUSD"], context: { permissions: ["clipboard-read", "clipboard-write"] } });
    await grid.page.getByRole("button", { name: "Copy link", exact: true }).click();
    await expect.poll(() => outcome(grid).textContent(), QUICK).toMatch(/^Link copied/);
    const link = await grid.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/\?symbols=(BINANCE:)?SOLUSD$/);
    await closeGrid(grid);

    const visitor = await openGrid({ tickers: ["XRPUSD"], path: "/?symbols=BTCUSD,COINBASE:ETHUSD,not%20a%20ticker" });
    await expect.poll(() => visitor.symbols(), QUICK).toEqual(["BTCUSD", "COINBASE:ETHUSD"]);
    const banner = visitor.page.getByRole("region", { name: "Shared list" });
    expect(await banner.textContent()).toContain('Left out not tickers: "not a ticker".');
    await expect.poll(() => visitor.phase("COINBASE:ETHUSD"), PAGES_OPEN).toBe("live");
    expect(await savedLists(visitor)).toBeNull();

    const name = banner.getByRole("textbox", { name: "Name for the shared list" });
    await name.fill("my list");
    await name.press("Enter");
    await expect.poll(() => banner.textContent(), QUICK).toContain('A list named "My list" already exists');
    await name.fill("From Ann");
    await name.press("Enter");
    await expect.poll(() => banner.count(), QUICK).toBe(0);
    expect(new URL(visitor.page.url()).search).toBe("");
    expect((await savedLists(visitor))?.lists.map((list) => list.name)).toEqual(["My list", "From Ann"]);
    expect((await savedLists(visitor))?.lists[0]?.symbols).toEqual(["XRPUSD"]);

    await visitor.page.reload();
    await expect.poll(() => pickedName(visitor), QUICK).toBe("From Ann (2)");
    await closeGrid(visitor);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`when the lists' forms and a shared list show in ${colorScheme} mode, then axe-core finds no violation`, async () => {
      const grid = await openGrid({ path: "/?symbols=BTCUSD", context: { colorScheme } });
      await expect.poll(() => grid.phase("BTCUSD"), PAGES_OPEN).toBe("live");
      await grid.page.getByRole("button", { name: "New list", exact: true }).click();
      await grid.page.getByRole("textbox", { name: "New list name" }).fill("x".repeat(41));
      await grid.page.getByRole("textbox", { name: "New list name" }).press("Enter");
      await expect.poll(() => grid.page.getByText("A list name has at most 40 characters.").count(), QUICK).toBe(1);
      expect(await axeViolations(grid.page)).toEqual([]);
      await closeGrid(grid);
    });
  }
});
