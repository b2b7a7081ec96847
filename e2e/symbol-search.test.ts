/**
 * Search as you type, end to end in real Chromium against the real server and its catalog: the
 * Ticker field suggests symbols with their names, the keyboard picks one and its card appears,
 * Esc closes only the list, a ticker outside the catalog is still added, and axe-core finds
 * nothing with the list open, light and dark. Screenshots go to test-results/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@crypto-stream/test-support/spawn-in-repo";
import { axeViolations } from "./support/axe.js";
import type { GridPage, OpenOptions } from "./support/grid-page.js";
import { createGridPages, hookGridSuite } from "./support/grid-pages.js";
import { createGridSuite, QUICK } from "./support/grid-suite.js";

const SHOTS = join(repoRoot, "test-results");
const suite = createGridSuite();
const pages = createGridPages(suite);
const openGrid = (options?: OpenOptions) => pages.open(options);
const closeGrid = (grid: GridPage) => pages.close(grid);

/** suggestions are the open list's options as the page shows them, [] when it is closed. */
function suggestions(grid: GridPage): Promise<string[]> {
  return grid.page.getByRole("listbox", { name: "Suggestions" }).getByRole("option").allTextContents();
}

describe("search as you type in Chromium against the real server", () => {
  hookGridSuite(suite, pages, () => mkdir(SHOTS, { recursive: true }));

  it("when eth is typed, then suggestions show with names, the keys pick one, its card appears, and Esc closes only the list", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD"] });
    const { page } = grid;
    const searches: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/cryptostream.v1.CatalogService/SearchSymbols")) searches.push(request.url());
    });
    const input = page.getByRole("combobox", { name: "Ticker" });
    await page.locator("body").press("/");
    await page.keyboard.type("eth", { delay: 20 });
    await expect.poll(async () => (await suggestions(grid)).length, QUICK).toBeGreaterThan(1);
    const shown = await suggestions(grid);
    expect(shown.every((text) => /^(COINBASE:)?[A-Z0-9]+ — .+ \/ .+$/.test(text)), shown.join(" | ")).toBe(true);
    expect(shown).toContain("COINBASE:ETHUSD — Ethereum / U.S. Dollar");
    expect(await input.getAttribute("aria-expanded")).toBe("true");
    const live = page.locator(".add-ticker > p.visually-hidden");
    expect(await live.textContent()).toBe(`${shown.length} suggestions, up and down arrows to choose`);
    // At most one search a key, however the machine paces the keys; that a pause is what sends one
    // is the unit test's (symbol-search.test.ts, on a controlled clock).
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.length).toBeLessThanOrEqual(3);

    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const activeId = await input.getAttribute("aria-activedescendant");
    expect(activeId).not.toBeNull();
    const picked = page.locator(`[id="${activeId}"]`);
    expect(await picked.getAttribute("aria-selected")).toBe("true");
    const symbol = (await picked.locator(".ticker-suggestion-symbol").textContent()) ?? "";
    expect(symbol).toBe(shown[1]!.split(" — ")[0]);
    await page.screenshot({ path: join(SHOTS, "search-open.png") });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await grid.symbols()).length, QUICK).toBe(2);
    expect(await grid.card(symbol).count()).toBe(1);
    expect(await input.inputValue()).toBe("");
    expect(await page.getByRole("listbox").count()).toBe(0);

    // Esc with the list open closes the list; the field keeps its text and focus.
    await input.focus();
    await page.keyboard.type("btc", { delay: 20 });
    await expect.poll(async () => (await suggestions(grid)).length, QUICK).toBeGreaterThan(0);
    await page.keyboard.press("Escape");
    expect(await page.getByRole("listbox").count()).toBe(0);
    expect(await input.getAttribute("aria-expanded")).toBe("false");
    expect(await input.inputValue()).toBe("btc");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("combobox");
    await closeGrid(grid);
  });

  it("when a ticker outside the catalog is typed, then Enter still adds it", async () => {
    const grid = await openGrid({ tickers: [] });
    const input = grid.page.getByRole("combobox", { name: "Ticker" });
    const answered = grid.page.waitForResponse((r) => r.url().includes("SearchSymbols") && (r.request().postData() ?? "").includes("zzzqqqusd"));
    await input.pressSequentially("zzzqqqusd", { delay: 20 });
    expect((await answered).status()).toBe(200);
    expect(await suggestions(grid)).toEqual([]);
    await input.press("Enter");
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["ZZZQQQUSD"]);
    await closeGrid(grid);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`when the list is open in ${colorScheme} mode, then axe-core finds nothing`, async () => {
      const grid = await openGrid({ tickers: ["BTCUSD"], context: { colorScheme } });
      const input = grid.page.getByRole("combobox", { name: "Ticker" });
      await input.pressSequentially("sol", { delay: 20 });
      await expect.poll(async () => (await suggestions(grid)).length, QUICK).toBeGreaterThan(1);
      await input.press("ArrowDown");
      await grid.page.screenshot({ path: join(SHOTS, `search-open-${colorScheme}.png`) });
      expect(await axeViolations(grid.page)).toEqual([]);
      await closeGrid(grid);
    });
  }
});
