/**
 * The web grid against a server started with API_TOKEN: real Chromium, the real backend process,
 * the look-alike behind it. The page is served without the token; the grid asks the person for it,
 * keeps it in this tab or, when asked to remember, on this device, and sends it on every call.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGrid, PRICE, type GridPage } from "./support/grid-page.js";
import { createGridSuite, expectCleanEnd, PAGES_OPEN, QUICK } from "./support/grid-suite.js";
import { readiness } from "./support/probes.js";
import { storedToken, tokenForm } from "./support/token-form.js";

const TOKEN = randomBytes(24).toString("hex");
const WRONG = randomBytes(24).toString("hex");
const TICKERS = ["BTCUSD", "ETHUSD"];

const suite = createGridSuite();
const { current, browser } = suite;

/** pricesShown waits until every card on `page` is live with a price. */
async function pricesShown(page: Page, symbols: readonly string[]): Promise<void> {
  const list = page.getByRole("list", { name: "Tickers" });
  const notYet = async () => {
    for (const symbol of symbols) {
      const card = list.getByRole("listitem", { name: symbol, exact: true });
      const price = card.locator(".ticker-price-value");
      const text = (await price.count()) === 0 ? "" : ((await price.textContent()) ?? "");
      if ((await card.getAttribute("data-phase")) !== "live" || !PRICE.test(text)) return symbol;
    }
    return "all live";
  };
  await expect.poll(notYet, PAGES_OPEN).toBe("all live");
}

/** ourLines are the page's own console lines; none may carry a token. */
function ourLines(grid: GridPage): string[] {
  const lines = grid.consoleLines.filter((line) => line.startsWith("[crypto-stream] "));
  expect(grid.consoleLines.filter((line) => line.includes(TOKEN) || line.includes(WRONG))).toEqual([]);
  return lines;
}

/** closeGrid closes the page's context and sees the server end its watches and release its symbols. */
async function closeGrid(grid: GridPage): Promise<void> {
  expect(grid.pageErrors).toEqual([]);
  await grid.close();
  await expect.poll(() => readiness(current().url), QUICK).toMatchObject({ watches: 0, subscribers: 0, symbols: 0 });
}

describe("the web grid in Chromium against a server that needs an access token", () => {
  beforeAll(() => suite.start({ env: { API_TOKEN: TOKEN } }));

  afterAll(async () => {
    const server = expectCleanEnd(await suite.finish());
    if (server) expect(server.logs()).not.toContain(TOKEN);
  });

  it("when the page opens without a token, then it asks for one, once, and the page it got holds none", async () => {
    const served = await (await fetch(`${current().url}/`)).text();
    expect(served).toContain('<div id="root">');
    expect(served).not.toContain(TOKEN);

    const grid = await openGrid(browser(), current().url, { tickers: TICKERS });
    const form = tokenForm(grid.page);
    await expect.poll(() => form.region.isVisible(), QUICK).toBe(true);
    expect(await grid.connection()).toBe("Token needed");
    expect(await form.input.getAttribute("type")).toBe("password");
    expect(await form.remember.isChecked()).toBe(false);
    expect(await grid.page.content()).not.toContain(TOKEN);

    // The page's backoff would have retried several times by now: it must not have.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(grid.apiCalls).toEqual(["Watch"]);
    expect(await storedToken(grid.page)).toEqual({ session: null, local: null });
    expect(ourLines(grid)).toContain("[crypto-stream] this server needs an access token: waiting for one");

    await closeGrid(grid);
  });

  it("when a wrong token and then the right one with Remember are given, then prices appear, and stay on reload and in a new tab, until that tab forgets it", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: TICKERS });
    const form = tokenForm(grid.page);
    await expect.poll(() => form.region.isVisible(), QUICK).toBe(true);

    await form.give(WRONG);
    await expect.poll(() => form.message.textContent(), QUICK).toBe("That token was refused.");
    expect(await form.input.getAttribute("aria-invalid")).toBe("true");
    expect(await storedToken(grid.page)).toEqual({ session: null, local: null });
    expect(await grid.connection()).toBe("Token needed");

    await form.give(TOKEN, { remember: true });
    await pricesShown(grid.page, TICKERS);
    expect(await form.region.count()).toBe(0);
    expect(await grid.connection()).toBe("Live");
    expect(await storedToken(grid.page)).toEqual({ session: null, local: TOKEN });
    expect(await form.forget.isVisible()).toBe(true);
    const lines = ourLines(grid);
    const events = [/ access token refused by the server: forgotten$/, / access token saved on this device$/, / access token accepted$/];
    const at = events.map((event) => lines.findIndex((line) => event.test(line)));
    expect(at.every((index) => index >= 0), lines.join("\n")).toBe(true);
    expect(at, "logged in the order they happened").toEqual([...at].sort((a, b) => a - b));

    await grid.page.reload();
    await pricesShown(grid.page, TICKERS);
    expect(await form.region.count()).toBe(0);
    // The catalog sits behind the same token: suggestions come because the search carries it.
    await grid.page.getByRole("combobox", { name: "Ticker" }).pressSequentially("eth", { delay: 20 });
    const suggestions = grid.page.getByRole("listbox", { name: "Suggestions" }).getByRole("option");
    await expect.poll(() => suggestions.count(), QUICK).toBeGreaterThan(0);
    await grid.page.keyboard.press("Escape");

    // Another tab of the same browser profile: only localStorage carries over, and that suffices.
    const tab = await grid.page.context().newPage();
    await tab.goto(`${current().url}/`);
    await pricesShown(tab, TICKERS);
    expect(await tokenForm(tab).region.count()).toBe(0);

    // Forgotten there, forgotten here: the first tab asks at once, without a reload.
    await tokenForm(tab).forget.click();
    await expect.poll(() => form.region.isVisible(), QUICK).toBe(true);
    expect(await grid.connection()).toBe("Token needed");
    expect(ourLines(grid)).toContain("[crypto-stream] access token forgotten in another tab");
    await tab.close();

    await closeGrid(grid);
  });

  it("when Remember is not ticked, then a reload stays live, a new tab asks again, and Forget token asks at once", async () => {
    const grid = await openGrid(browser(), current().url, { tickers: ["BTCUSD"] });
    const form = tokenForm(grid.page);
    await expect.poll(() => form.region.isVisible(), QUICK).toBe(true);
    await form.give(TOKEN);
    await pricesShown(grid.page, ["BTCUSD"]);
    expect(await storedToken(grid.page)).toEqual({ session: TOKEN, local: null });

    await grid.page.reload();
    await pricesShown(grid.page, ["BTCUSD"]);

    const tab = await grid.page.context().newPage();
    await tab.goto(`${current().url}/`);
    await expect.poll(() => tokenForm(tab).region.isVisible(), QUICK).toBe(true);
    await tab.close();

    await form.forget.click();
    await expect.poll(() => form.region.isVisible(), QUICK).toBe(true);
    expect(await grid.connection()).toBe("Token needed");
    expect(await storedToken(grid.page)).toEqual({ session: null, local: null });
    expect(await form.message.textContent()).toBe("");
    expect(ourLines(grid)).toContain("[crypto-stream] access token forgotten");

    await closeGrid(grid);
  });
});
