/** The mapping from hub and scraper events to activity events and to the symbol board. */
import { describe, expect, it } from "vitest";
import { createActivity } from "./activity.js";

const at = new Date("2026-01-02T03:04:05Z");
const kinds = (activity: ReturnType<typeof createActivity>) => activity.log.recent().map((event) => [event.kind, event.symbol, event.message]);

describe("activity from the hub", () => {
  it("when a symbol is watched, goes live, reconnects and is released, then each is one event and the board follows", () => {
    const activity = createActivity({ now: () => at });
    const hub = activity.hubObserver;
    hub.state("BTCUSD", "loading", "");
    hub.observation("BTCUSD", { price: "97123.45", observedAt: at });
    hub.state("BTCUSD", "live", "");
    hub.state("BTCUSD", "reconnecting", "the page crashed");
    expect(activity.board.get("BTCUSD")).toMatchObject({
      watchedSince: at,
      lastPrice: "97123.45",
      lastChangedAt: at,
      lastProblem: "the page crashed",
      lastProblemAt: at,
    });
    hub.released("BTCUSD");
    expect(kinds(activity)).toEqual([
      ["symbol_watched", "BTCUSD", "BTCUSD: first subscriber; opening its page"],
      ["page_live", "BTCUSD", "BTCUSD: live; prices are being read"],
      ["reconnecting", "BTCUSD", "BTCUSD: reconnecting: the page crashed"],
      ["symbol_released", "BTCUSD", "BTCUSD: last subscriber left; its page closes"],
    ]);
    expect(activity.board.has("BTCUSD")).toBe(false);
    activity.close();
  });

  it("when a feed ends not found or failed, then the event says so in words, with a default when the source gave none", () => {
    const activity = createActivity({ now: () => at });
    activity.hubObserver.state("NOPEUSD", "loading", "");
    activity.hubObserver.state("NOPEUSD", "not_found", "");
    activity.hubObserver.state("ETHUSD", "loading", "");
    activity.hubObserver.state("ETHUSD", "failed", "the page did not load; gave up after 5 attempts");
    activity.hubObserver.state("ETHUSD", "loading", "");
    expect(kinds(activity).slice(1)).toEqual([
      ["not_found", "NOPEUSD", "NOPEUSD: not found: TradingView has no such symbol"],
      ["symbol_watched", "ETHUSD", "ETHUSD: first subscriber; opening its page"],
      ["failed", "ETHUSD", "ETHUSD: failed: the page did not load; gave up after 5 attempts"],
      ["reconnecting", "ETHUSD", "ETHUSD: trying again for a new subscriber after it failed"],
    ]);
    activity.close();
  });
});

describe("activity from the scraper", () => {
  it("when a page opens, reloads, closes and opens anew, then the board counts reloads and reopens and knows when the page opened", () => {
    const activity = createActivity({ now: () => at });
    activity.hubObserver.state("BTCUSD", "loading", "");
    const scraper = activity.scraperEvent;
    scraper({ kind: "page_opened", symbol: "BTCUSD", detail: "" });
    scraper({ kind: "page_reloaded", symbol: "BTCUSD", detail: "the price did not change for 120000 ms" });
    scraper({ kind: "page_closed", symbol: "BTCUSD", detail: "the page crashed" });
    expect(activity.board.get("BTCUSD")?.pageOpenedAt).toBeUndefined();
    scraper({ kind: "page_opened", symbol: "BTCUSD", detail: "the page crashed" });
    scraper({ kind: "browser_relaunched", version: "131.0.6778.85" });
    expect(activity.board.get("BTCUSD")).toMatchObject({ pageOpenedAt: at, reloads: 1, reopens: 1 });
    expect(kinds(activity).slice(1)).toEqual([
      ["page_opened", "BTCUSD", "BTCUSD: page opened"],
      ["page_reloaded", "BTCUSD", "BTCUSD: page reloaded (the price did not change for 120000 ms)"],
      ["page_closed", "BTCUSD", "BTCUSD: page closed (the page crashed)"],
      ["page_opened", "BTCUSD", "BTCUSD: page opened (the page crashed)"],
      ["browser_relaunched", "", "browser relaunched (Chromium 131.0.6778.85); its pages reopen"],
    ]);
    activity.close();
  });

  it("when a page event comes for a symbol no longer watched, then it is still logged but the board stays empty", () => {
    const activity = createActivity({ now: () => at });
    activity.scraperEvent({ kind: "page_closed", symbol: "BTCUSD", detail: "" });
    expect(activity.log.recent()).toHaveLength(1);
    expect(activity.board.has("BTCUSD")).toBe(false);
    activity.close();
  });
});

describe("activity from the rpc layer and main", () => {
  it("when refusals repeat, then the first is logged at once with its limit and the repeats are folded into a count", async () => {
    const activity = createActivity({ now: () => at, refusalWindowMs: 30 });
    activity.streamRefused("Watch: this client already holds 3 open streams (MAX_STREAMS_PER_CLIENT)");
    activity.unauthenticated();
    activity.unauthenticated();
    activity.unauthenticated();
    activity.shutdown();
    expect(kinds(activity)).toEqual([
      ["stream_refused", "", "stream refused: Watch: this client already holds 3 open streams (MAX_STREAMS_PER_CLIENT)"],
      ["unauthenticated", "", "a request without a valid API token was refused"],
      ["shutdown", "", "the server is shutting down; every stream ends with UNAVAILABLE"],
    ]);
    await expect.poll(() => activity.log.recent().at(-1)?.count).toBe(2);
    expect(activity.log.recent().at(-1)).toMatchObject({ kind: "unauthenticated", count: 2 });
    activity.close();
  });
});
