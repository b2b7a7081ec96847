import { chromium, type Browser } from "playwright";
import { CHROMIUM_PATH, TEST_BROWSER_ARGS } from "@crypto-stream/test-support/test-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimMarket } from "./create-sim-market.js";
import type { SimMarket } from "./sim-market.js";
import { startSimServer, type SimServer } from "./sim-server.js";

const PRICE = '[data-qa-id="symbol-last-value"]';

/** Records the price element's text at the moment the parser inserts it, before any push. */
function recordFirstText(selector: string): void {
  const seen = new MutationObserver(() => {
    const el = document.querySelector(selector);
    if (!el) return;
    (window as unknown as { firstText: string }).firstText = el.textContent ?? "<null>";
    seen.disconnect();
  });
  seen.observe(document, { childList: true, subtree: true });
}

describe("sim page in real Chromium", () => {
  let market: SimMarket;
  let server: SimServer;
  let browser: Browser;
  beforeAll(async () => {
    market = createSimMarket({ seed: 1, tickMs: 100 });
    server = await startSimServer(market);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...TEST_BROWSER_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    market?.close();
    expect(market.totalOpenConnections()).toBe(0);
  });

  it("when a page opens, then the empty price and change fill, follow setPrice, steering and rerender, and its connection closes with it", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const logs: string[] = [];
    page.on("console", (message) => logs.push(message.text()));
    await page.addInitScript(recordFirstText, PRICE);
    market.pause("BTCUSD", true);

    await page.goto(`${server.baseUrl}/symbols/BTCUSD/?exchange=BINANCE`);
    const price = page.locator(PRICE);
    await expect.poll(() => price.textContent()).toBe("97,123.45");
    expect(await page.evaluate(() => (window as unknown as { firstText: string }).firstText)).toBe("");
    expect(await price.innerHTML()).toBe("<span>97,123.</span><sup>45</sup>");
    const seeded = market.currentChange("BTCUSD")!;
    const signed = (plain: string) => (plain.startsWith("-") ? `\u2212${plain.slice(1)}` : `+${plain}`);
    const changeText = () => page.locator(".js-symbol-change-direction .js-symbol-change").textContent();
    const percentText = () => page.locator(".js-symbol-change-direction .js-symbol-change-pt").textContent();
    expect(await changeText()).toMatch(/^[+\u2212]\d{1,3}(,\d{3})*\.\d{2}$/);
    expect((await changeText())?.replace(/,/g, "")).toBe(signed(seeded.value));
    expect(await percentText()).toBe(`${signed(seeded.percent)}%`);
    market.steerChange("BTCUSD", { value: "-1234.56", percent: "-0.45", parenthesized: true });
    await expect.poll(changeText).toBe("\u22121,234.56");
    expect(await percentText()).toBe("(\u22120.45%)");
    market.steerChange("BTCUSD", { hidden: true });
    await expect.poll(changeText).toBe("");
    expect(await price.textContent()).toBe("97,123.45");
    market.steerChange("BTCUSD", { hidden: false, value: null, percent: null, parenthesized: false, rollover: true });
    await expect.poll(percentText).toBe("+0.00%");
    expect(market.openConnections("BTCUSD")).toBe(1);
    expect(logs).toContain("[live] connected to BINANCE:BTCUSD");

    market.setPrice("BTCUSD", "98765.43");
    await expect.poll(() => price.textContent()).toBe("98,765.43");

    const old = await price.elementHandle();
    market.rerender("BTCUSD");
    await page.waitForFunction((el) => !el?.isConnected, old);
    expect(await price.textContent()).toBe("98,765.43");
    expect(await price.evaluate((el) => el.className)).toBe("last-KLji300y js-symbol-last");

    market.pause("BTCUSD", false);
    await expect.poll(() => price.textContent()).not.toBe("98,765.43");
    expect(await price.textContent()).toMatch(/^\d{2},\d{3}\.\d{2}$/);
    await old?.dispose();

    // Nothing blocks the side requests here, so the sim sees each kind at least once.
    await expect
      .poll(() => Math.min(...Object.values(market.assetRequests())))
      .toBeGreaterThanOrEqual(1);
    await page.close();
    await expect.poll(() => market.openConnections("BTCUSD") === 0, { timeout: 5_000 }).toBe(true);
    await context.close();
  });

  it("when the browser's language is German, then the page prints German separators", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    market.reset("BTCUSD");
    market.pause("BTCUSD", true);
    await page.goto(`${server.baseUrl}/symbols/BTCUSD/?exchange=BINANCE`);
    await expect.poll(() => page.locator(PRICE).textContent()).toBe("97.123,45");
    await context.close();
    await expect.poll(() => market.totalOpenConnections() === 0, { timeout: 5_000 }).toBe(true);
  });
});
