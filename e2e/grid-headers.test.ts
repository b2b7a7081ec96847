/**
 * The grid's security headers (server/web-grid.ts) in real Chromium: with the Content-Security-
 * Policy on, the built grid loads, streams live prices and reports no violation; the headers are
 * there on the page and its assets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGrid, PRICE } from "./support/grid-page.js";
import { createGridSuite, PAGES_OPEN } from "./support/grid-suite.js";

const suite = createGridSuite();

beforeAll(() => suite.start(), 120_000);
afterAll(() => suite.finish(), 60_000);

describe("the grid's security headers", () => {
  it("when the grid loads under its Content-Security-Policy, then prices go live and Chromium reports no violation", async () => {
    const { url } = suite.current();
    const res = await fetch(`${url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await res.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${url}${asset}`)).headers.get("content-security-policy")).toBe(csp);

    const grid = await openGrid(suite.browser(), url);
    const violations: string[] = [];
    await grid.page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    // Installed before the grid's own scripts, from the reload on: a violation at load counts too.
    await grid.page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        void (window as unknown as { reportViolation(text: string): Promise<void> }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await grid.page.reload();
    await expect.poll(async () => PRICE.test(await grid.priceText("BTCUSD")), PAGES_OPEN).toBe(true);
    await grid.add("LTCUSD");
    await expect.poll(async () => PRICE.test(await grid.priceText("LTCUSD")), PAGES_OPEN).toBe(true);
    expect(violations).toEqual([]);
    expect(grid.consoleLines.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
    expect(grid.pageErrors).toEqual([]);
    await grid.close();
  }, 120_000);
});
