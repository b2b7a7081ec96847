import { describe, expect, it } from "vitest";
import { parseSymbol, renamedSymbol } from "./symbol.js";

describe("parseSymbol", () => {
  it.each([
    ["  ethusd ", undefined, "ETHUSD"],
    ["coinbase:btcusd", undefined, "COINBASE:BTCUSD"],
    ["BINANCE:SOLUSD", undefined, "BINANCE:SOLUSD"],
    ["BINANCE:SOLUSD", "BINANCE", "SOLUSD"],
    ["BINANCE:SOLUSD", "COINBASE", "BINANCE:SOLUSD"],
    ["COINBASE:XRPUSD", "COINBASE", "XRPUSD"],
    ["SOLUSD", "COINBASE", "SOLUSD"],
    ["BTCUSDT.P", "BINANCE", "BTCUSDT.P"],
    ["BYBIT:ETH_USD", "BINANCE", "BYBIT:ETH_USD"],
  ])("when %j is typed on default %j, then the id is %j", (input, defaultExchange, symbol) => {
    expect(parseSymbol(input, defaultExchange)).toEqual({ ok: true, symbol });
  });

  it.each([
    ["", /^Enter a ticker/],
    ["   ", /^Enter a ticker/],
    ["BTC USD", /^"BTC USD" is not a ticker: only the letters/],
    ["A:B:C", /more than one ":"/],
    [".BTC", /ticker must be/],
    ["1X:BTC", /exchange "1X"/],
    ["B".repeat(41), /longer than 40/],
    ["BTC-USD", /ticker must be/],
  ])("when %j is typed, then it is refused with %s", (input, reason) => {
    const result = parseSymbol(input, "BINANCE");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("renamedSymbol", () => {
  it.each([
    ["SOLUSD", "BINANCE", "COINBASE", "BINANCE:SOLUSD"],
    ["SOLUSD", undefined, "COINBASE", "SOLUSD"],
    ["BINANCE:SOLUSD", undefined, "BINANCE", "SOLUSD"],
    ["COINBASE:XRPUSD", "BINANCE", "COINBASE", "XRPUSD"],
    ["SOLUSD", "COINBASE", undefined, "COINBASE:SOLUSD"],
    ["SOLUSD", undefined, undefined, "SOLUSD"],
    ["not a symbol", "BINANCE", "COINBASE", "not a symbol"],
  ])("when %j under default %j is named under %j, then it is %j", (id, from, to, renamed) => {
    expect(renamedSymbol(id, from, to)).toBe(renamed);
  });
});
