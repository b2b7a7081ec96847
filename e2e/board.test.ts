/**
 * The board a trader keeps open, end to end in real Chromium against the real server and the
 * look-alike: sorting (remembered), the keys, the flash switch, headings
 * that break only at the exchange's colon, whole names on a phone's compact rows, and axe-core
 * in the compact layout with a price flashing, light and dark. Screenshots go to test-results/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@crypto-stream/test-support/spawn-in-repo";
import { axeViolations } from "./support/axe.js";
import type { GridPage, OpenOptions } from "./support/grid-page.js";
import { createGridPages, hookGridSuite } from "./support/grid-pages.js";
import { createGridSuite, PAGES_OPEN, QUICK } from "./support/grid-suite.js";

const SHOTS = join(repoRoot, "test-results");
const suite = createGridSuite();
const pages = createGridPages(suite);
const openGrid = (options?: OpenOptions) => pages.open(options);
const closeGrid = (grid: GridPage) => pages.close(grid);
async function allLive(grid: GridPage, symbols: readonly string[]): Promise<void> {
  const waiting = async () => {
    for (const symbol of symbols) if ((await grid.phase(symbol)) !== "live") return symbol;
    return "all live";
  };
  await expect.poll(waiting, PAGES_OPEN).toBe("all live");
}

describe("the board in Chromium against the real server", () => {
  hookGridSuite(suite, pages, () => mkdir(SHOTS, { recursive: true }));

  it("when sorted by price, then the board follows the prices, and a reload keeps the sort", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD", "ETHUSD", "SOLUSD"] });
    await allLive(grid, ["BTCUSD", "ETHUSD", "SOLUSD"]);
    const sort = grid.page.getByRole("combobox", { name: "Sort" });
    await sort.selectOption({ label: "Price: lowest first" });
    const byPrice = async () => {
      const rows = await Promise.all((await grid.symbols()).map(async (s) => [s, Number((await grid.priceText(s)).replace(/,/g, ""))] as const));
      return rows.every(([, price], i) => i === 0 || rows[i - 1]![1] <= price);
    };
    await expect.poll(byPrice, QUICK).toBe(true);
    await grid.page.reload();
    await allLive(grid, ["BTCUSD", "ETHUSD", "SOLUSD"]);
    expect(await sort.inputValue()).toBe("price-asc");
    await expect.poll(byPrice, QUICK).toBe(true);
    await closeGrid(grid);
  });

  it("when only keys are used, then / reaches the field, ? lists the keys, Esc closes forms, and Tab reaches every action in order", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD"] });
    const { page } = grid;
    await page.locator("body").press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("placeholder")), QUICK).toBe("BTCUSD or COINBASE:ETHUSD");
    await page.keyboard.type("eth/usd");
    expect(await page.getByRole("combobox", { name: "Ticker" }).inputValue()).toBe("eth/usd");
    await page.getByRole("combobox", { name: "Ticker" }).fill("ethusd");
    await page.keyboard.press("Enter");
    await expect.poll(() => grid.symbols(), QUICK).toEqual(["BTCUSD", "ETHUSD"]);

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect.poll(() => help.isVisible(), QUICK).toBe(true);
    await page.screenshot({ path: join(SHOTS, "board-keys.png") });
    await page.keyboard.press("Escape");
    await expect.poll(() => help.isVisible(), QUICK).toBe(false);

    await page.getByRole("button", { name: "New list", exact: true }).press("Enter");
    await expect.poll(() => page.getByRole("textbox", { name: "New list name" }).isVisible(), QUICK).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("textbox", { name: "New list name" }).count(), QUICK).toBe(0);

    const names: string[] = [];
    await page.getByRole("combobox", { name: "List" }).focus();
    for (let i = 0; i < 16; i += 1) {
      names.push(await page.evaluate(() => { const el = document.activeElement as HTMLElement | null; return el?.getAttribute("aria-label") ?? el?.textContent?.trim().slice(0, 20) ?? ""; }));
      await page.keyboard.press("Tab");
    }
    const order = ["New list", "Rename", "Delete", "Copy link", "Export lists", "Import lists", "Add", "Keys ?", "Remove BTCUSD", "Set alert for BTCUSD", "Remove ETHUSD"];
    const seen = order.map((name) => names.indexOf(name));
    expect(seen.every((at, i) => at >= 0 && (i === 0 || at > seen[i - 1]!)), names.join(" | ")).toBe(true);
    await closeGrid(grid);
  });

  it("when Flash is turned off, then prices stop flashing; under reduced motion it starts off", async () => {
    const grid = await openGrid({ tickers: ["BTCUSD"] });
    await allLive(grid, ["BTCUSD"]);
    const list = grid.page.getByRole("list", { name: "Tickers" });
    expect(await list.getAttribute("data-flash")).toBe("on");
    await grid.page.getByRole("button", { name: "Flash", exact: true }).click();
    expect(await list.getAttribute("data-flash")).toBe("off");
    const animated = () => grid.page.evaluate(() => getComputedStyle(document.querySelector(".ticker-price-value")!).animationName);
    expect(await animated()).toBe("none");
    await closeGrid(grid);

    const calm = await openGrid({ tickers: ["BTCUSD"], context: { reducedMotion: "reduce" } });
    await expect.poll(() => calm.page.getByRole("list", { name: "Tickers" }).getAttribute("data-flash"), QUICK).toBe("off");
    expect(await calm.page.getByRole("button", { name: "Flash", exact: true }).getAttribute("aria-pressed")).toBe("false");
    await closeGrid(calm);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`when a phone shows compact rows in ${colorScheme} mode, then names are whole, headings break only at the colon, and axe-core finds nothing`, async () => {
      const symbols = ["BTCUSD", "COINBASE:ETHUSD", "PEPEUSDT", "SOLUSD"];
      const grid = await openGrid({
        tickers: symbols,
        storage: { "crypto-stream.layout.v1": "compact" },
        context: { colorScheme, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      });
      await allLive(grid, ["BTCUSD", "COINBASE:ETHUSD", "SOLUSD"]);
      const cut = () =>
        grid.page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>(".ticker-symbol"))
            .filter((h) => h.scrollWidth > h.clientWidth || Array.from(h.querySelectorAll(".ticker-symbol-part")).some((part) => part.getClientRects().length !== 1))
            .map((h) => h.textContent),
        );
      expect(await cut()).toEqual([]);
      expect(await grid.symbols()).toEqual(symbols);
      await grid.page.screenshot({ path: join(SHOTS, `board-phone-compact-${colorScheme}.png`), fullPage: true });
      expect(await axeViolations(grid.page)).toEqual([]);

      // Cards on a narrow screen: "COINBASE:" and "ETHUSD" each stay whole.
      await grid.page.getByRole("button", { name: "Compact", exact: true }).click();
      await grid.page.setViewportSize({ width: 320, height: 844 });
      expect(await cut()).toEqual([]);
      await grid.page.screenshot({ path: join(SHOTS, `board-phone-cards-${colorScheme}.png`), fullPage: true });
      expect(await axeViolations(grid.page)).toEqual([]);
      await closeGrid(grid);
    });
  }
});
