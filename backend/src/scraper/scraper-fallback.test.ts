/**
 * The fallback path needs a page whose stable hooks come and go, which the look-alike (a faithful
 * copy of today's page) never does; so this test serves a minimal page of its own.
 */
import express from "express";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { alive } from "@crypto-stream/test-support/processes";
import { CHROMIUM_PATH } from "@crypto-stream/test-support/test-browser";
import { createLogger, type LogFields } from "../log.js";
import { createScraper } from "./scraper.js";

type Shown = { mode: "selector" | "fallback" | "none"; price: string };

// The page asks its server what to show, like a page that re-renders from its own data source.
const PAGE = `<!DOCTYPE html><html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","offers":{"@type":"Offer","price":"99.5"}}</script>
</head><body><div id="area"></div><script>
let shown = "";
async function tick() {
  const s = await (await fetch("/state")).json();
  if (s.mode + s.price !== shown) {
    shown = s.mode + s.price;
    document.getElementById("area").innerHTML =
      s.mode === "selector" ? '<span class="js-symbol-last" data-qa-id="symbol-last-value"><span>' + s.price + "</span></span>" :
      s.mode === "fallback" ? '<div class="tv-symbol-price-quote__value">' + s.price + "</div>" : "";
  }
  setTimeout(tick, 30);
}
tick();
</script></body></html>`;

it("when no stable selector matches, then the fallback is used but never as the first price", async () => {
  let shown: Shown = { mode: "fallback", price: "100.5" };
  let fetches = 0;
  const app = express();
  app.get("/symbols/:ticker/", (_req, res) => void res.type("html").send(PAGE));
  app.get("/state", (_req, res) => void (fetches++, res.json(shown)));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const show = async (next: Shown) => {
    shown = next;
    const seen = fetches;
    await expect.poll(() => fetches > seen + 2, { timeout: 30_000, message: "the page to render it" }).toBe(true);
  };

  const logged: LogFields[] = [];
  const scraper = createScraper({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    executablePath: CHROMIUM_PATH,
    headless: true,
    firstPriceTimeoutMs: 30_000,
    logger: createLogger({ level: "debug", sink: (line) => void logged.push(JSON.parse(line)) }),
  });
  const sink = createRecorder();
  const feed = scraper.watch(symbol("BTCUSD"), sink);
  await expect.poll(() => fetches > 3, { timeout: 30_000, message: "the page to render the fallback" }).toBe(true);
  expect(sink.states()).toEqual(["loading"]);
  expect(sink.prices()).toEqual([]);
  expect(logged).toContainEqual(expect.objectContaining({ event: "price.ignored", reason: "fallback_first" }));

  await show({ mode: "selector", price: "101" });
  await sink.until("the selector's price", () => sink.prices().includes("101"));
  await show({ mode: "fallback", price: "102" });
  await sink.until("the fallback's price", () => sink.prices().includes("102"));
  await show({ mode: "none", price: "" });
  await sink.until("the JSON-LD price", () => sink.prices().includes("99.5"));
  expect(sink.prices()).toEqual(["101", "102", "99.5"]);
  expect(sink.states()).toEqual(["loading", "live"]);
  const fallbacks = logged.filter((line) => line.event === "price.fallback").map((line) => line.hook);
  expect(fallbacks).toEqual([".tv-symbol-price-quote__value", "json-ld offers.price"]);

  await feed.close();
  expect(scraper.openPageCount()).toBe(0);
  const pid = scraper.browserProcessId() ?? -1;
  await scraper.close();
  expect(alive(pid)).toBe(false);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
