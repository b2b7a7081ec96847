import { describe, expect, it } from "vitest";
import { parseSymbol } from "./symbol.js";

describe("parseSymbol", () => {
  it("when input has spaces and lower case, then it is trimmed and upper-cased", () => {
    expect(parseSymbol("  ethusd ")).toEqual({ ok: true, symbol: "ETHUSD" });
    expect(parseSymbol("coinbase:btcusd")).toEqual({ ok: true, symbol: "COINBASE:BTCUSD" });
  });

  it("when the exchange is the default, then it is dropped from the id", () => {
    expect(parseSymbol("BINANCE:BTCUSD")).toEqual({ ok: true, symbol: "BTCUSD" });
  });

  it("when tickers use . ! _ or lead with a digit, then they are accepted", () => {
    for (const input of ["BTCUSDT.P", "1000PEPEUSDT", "BYBIT:ETH_USD", "A!B"]) {
      expect(parseSymbol(input).ok, input).toBe(true);
    }
  });

  it("when the input is not a plausible ticker, then it is refused with a reason", () => {
    const bad = ["", "   ", "BTC USD", "A:B:C", ".BTC", "1X:BTC", "B".repeat(31), "$BTC", "BTC-USD"];
    for (const input of bad) {
      const result = parseSymbol(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.reason).not.toBe("");
    }
    expect(parseSymbol(`COINBASE:${"B".repeat(32)}`).ok).toBe(false);
  });
});
