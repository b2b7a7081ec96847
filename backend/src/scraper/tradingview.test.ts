import { describe, expect, it } from "vitest";
import { isBlockedRequest, symbolPageUrl } from "./tradingview.js";

describe("tradingview", () => {
  it("when a symbol is given, then the page URL names ticker and exchange", () => {
    const symbol = { exchange: "COINBASE", ticker: "BTCUSD", id: "COINBASE:BTCUSD" };
    expect(symbolPageUrl("http://127.0.0.1:1/sim/", symbol)).toBe(
      "http://127.0.0.1:1/sim/symbols/BTCUSD/?exchange=COINBASE",
    );
  });
  it("when a request is an image or analytics, then it is blocked, and a document is not", () => {
    expect(isBlockedRequest("image", "https://s3.tradingview.com/logo.svg")).toBe(true);
    expect(isBlockedRequest("script", "https://www.googletagmanager.com/gtm.js")).toBe(true);
    expect(isBlockedRequest("fetch", "http://127.0.0.1:5/sim/analytics/collect")).toBe(true);
    expect(isBlockedRequest("document", "https://www.tradingview.com/symbols/BTCUSD/")).toBe(false);
  });
});
