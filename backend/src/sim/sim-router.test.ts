import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createSimMarket } from "./create-sim-market.js";
import type { SimMarket } from "./sim-market.js";
import { startSimServer, type SimServer } from "./sim-server.js";

const EN = { "accept-language": "en-US,en;q=0.9" };

/** openLive opens a page's live socket and reads its messages; close() closes it. */
async function openLive(httpUrl: string) {
  const ws = new WebSocket(httpUrl.replace(/^http/, "ws"));
  const queue: { event: string; data: string }[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  // Text frames arrive as one Buffer: ws's default binaryType is "nodebuffer".
  ws.on("message", (raw) => {
    const message = JSON.parse((raw as Buffer).toString()) as { type: string; data: unknown };
    queue.push({ event: message.type, data: JSON.stringify(message.data) });
    waiters.splice(0).forEach((wake) => wake());
  });
  ws.on("close", () => {
    ended = true;
    waiters.splice(0).forEach((wake) => wake());
  });
  const status = await new Promise<number>((resolve) => {
    ws.once("open", () => resolve(101));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => resolve(0));
  });
  async function next(): Promise<{ event: string; data: string }> {
    while (queue.length === 0) {
      if (ended) throw new Error("socket closed");
      await new Promise<void>((wake) => waiters.push(wake));
    }
    return queue.shift()!;
  }
  return { status, next, close: () => ws.close() };
}

describe("sim router over HTTP", () => {
  let market: SimMarket;
  let server: SimServer;
  beforeEach(async () => {
    market = createSimMarket({ seed: 1, tickMs: 50 });
    server = await startSimServer(market);
  });
  afterEach(async () => {
    await server.close();
    market.close();
    expect(market.totalOpenConnections()).toBe(0);
  });

  it("when a known symbol is asked for, then the page has an empty price element and JSON-LD", async () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sim$/);
    const res = await fetch(`${server.baseUrl}/symbols/BTCUSD/?exchange=BINANCE`, { headers: EN });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(
      '<span class="last-KLji300y js-symbol-last" data-qa-id="symbol-last-value"></span>',
    );
    expect(html).toContain('"offers":{"@type":"Offer","price":"97123.45","priceCurrency":"USD"}');
    expect(html).toContain("Bitcoin / U.S. Dollar");
    expect(market.pageViews("BTCUSD")).toBe(1);
  });

  it("when the trailing slash is missing, then it redirects relative to the mount", async () => {
    const res = await fetch(`${server.baseUrl}/symbols/ETHUSD?exchange=COINBASE`, {
      redirect: "manual",
    });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("ETHUSD/?exchange=COINBASE");
  });

  it("when the ticker is unknown or steered to 404, then TradingView's error page comes back", async () => {
    for (const ticker of ["NOPEUSD", "BTCUSD"]) {
      if (ticker === "BTCUSD") market.respondWith("BTCUSD", 404);
      const res = await fetch(`${server.baseUrl}/symbols/${ticker}/?exchange=BINANCE`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('<div class="tv-http-error-page">');
      expect(html).toContain(
        `<h1 class="tv-http-error-page__title">This isn't the page you're looking for</h1>`,
      );
      expect(market.pageViews(ticker)).toBe(1);
    }
  });

  it("when steered to 500, then a plain server error page comes back", async () => {
    market.respondWith("SOLUSD", 500);
    const res = await fetch(`${server.baseUrl}/symbols/SOLUSD/?exchange=BINANCE`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("500 Internal Server Error");
  });

  it("when a delay is set, then the page waits, and a client that leaves is not counted", async () => {
    market.setDelay("BTCUSD", 300);
    const started = Date.now();
    const res = await fetch(`${server.baseUrl}/symbols/BTCUSD/`);
    expect(res.status).toBe(200);
    await res.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const gone = fetch(`${server.baseUrl}/symbols/BTCUSD/`, { signal: AbortSignal.timeout(50) });
    await expect(gone).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 400));
    expect(market.pageViews("BTCUSD")).toBe(1);
  });

  it("when a live socket is open, then it pushes formatted prices and is counted until it closes", async () => {
    const live = await openLive(`${server.baseUrl}/_live/BTCUSD?locale=de-DE`);
    expect(live.status).toBe(101);
    const first = await live.next();
    expect(first.event).toBe("price");
    expect(JSON.parse(first.data)).toMatchObject({ main: "97.123,", sup: "45" });
    expect(market.openConnections("BTCUSD")).toBe(1);
    market.pause("BTCUSD", true);
    market.setPrice("BTCUSD", "1234567.89");
    let pushed = await live.next();
    while (JSON.parse(pushed.data).sup !== "89") pushed = await live.next();
    expect(JSON.parse(pushed.data).main).toBe("1.234.567,");
    market.steerChange("BTCUSD", { value: "-1234.5", percent: "-0.45", parenthesized: true });
    pushed = await live.next();
    expect(JSON.parse(pushed.data)).toMatchObject({ sup: "89", change: "\u22121.234,5", changePercent: "(\u22120,45%)" });
    live.close();
    await expect.poll(() => market.openConnections("BTCUSD") === 0, { timeout: 2_000 }).toBe(true);
    const missing = await openLive(`${server.baseUrl}/_live/NOPEUSD`);
    expect(missing.status).toBe(404);
  });

  it("when control is posted, then it steers and reports; bad bodies get 400 in words", async () => {
    const post = (ticker: string, body: string) =>
      fetch(`${server.baseUrl}/_control/${ticker}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    expect((await post("BTCUSD", '{"price":"90000.00","paused":true}')).status).toBe(204);
    expect(market.currentPrice("BTCUSD")).toBe("90000.00");
    expect((await post("BTCUSD", '{"status":500,"delayMs":0}')).status).toBe(204);
    expect(market.planPage("BTCUSD").status).toBe(500);
    const bad = await post("BTCUSD", '{"price":90000}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'price must be a non-negative decimal string such as "97123.45"',
    });
    const broken = await post("BTCUSD", '{"price":');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/^body is not a valid JSON object/);
    expect((await post("NOPEUSD", '{"price":"1"}')).status).toBe(404);
    expect((await post("NOPEUSD", '{"status":500}')).status).toBe(204);
    expect((await post("BTCUSD", '{"change":{"open":"80000.00"}}')).status).toBe(204);
    const state = await fetch(`${server.baseUrl}/_control/BTCUSD`);
    expect(await state.json()).toEqual({
      known: true,
      price: "90000.00",
      pageViews: 0,
      openConnections: 0,
      change: { value: "10000.00", percent: "12.50" },
      lastFillAtMs: null,
      lastPageViewAtMs: null,
      clockSkipped: 0,
    });
    expect((await post("BTCUSD", '{"change":{"rollover":true}}')).status).toBe(204);
    expect(market.currentChange("BTCUSD")).toEqual({ value: "0.00", percent: "0.00" });
    expect((await post("NOPEUSD", '{"change":{"hidden":true}}')).status).toBe(404);
    const unknown = await fetch(`${server.baseUrl}/_control/NOPEUSD`);
    expect(await unknown.json()).toMatchObject({ known: false, price: null });
  });

  it("when the server closes with a live socket open, then it closes promptly and the socket ends", async () => {
    const live = await openLive(`${server.baseUrl}/_live/ETHUSD`);
    await live.next();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(live.next()).rejects.toThrow();
    await expect.poll(() => market.totalOpenConnections() === 0, { timeout: 2_000 }).toBe(true);
  });
});
