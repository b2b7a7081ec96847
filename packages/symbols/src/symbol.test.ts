import { describe, expect, it } from "vitest";
import { checkSymbol, symbolId } from "./symbol.js";

describe("checkSymbol", () => {
  it.each([
    ["BTCUSD", undefined, "BTCUSD"],
    ["  btcusd \n", undefined, "BTCUSD"],
    ["binance:ethusdt", "BINANCE", "ETHUSDT"],
    ["COINBASE:XRPUSD", "COINBASE", "XRPUSD"],
    ["1000PEPEUSDT", undefined, "1000PEPEUSDT"],
    ["CME:BTC1!", "CME", "BTC1!"],
  ])("when given %j, then it is exchange %j and ticker %j", (input, exchange, ticker) => {
    expect(checkSymbol(input)).toEqual({ ok: true, exchange, ticker });
  });

  it.each([
    ["", /empty/],
    ["BTC USD", /only the letters A-Z/],
    ["btcuſd", /only the letters A-Z/],
    ["A".repeat(41), /longer than 40/],
    ["A:B:C", /more than one ":"/],
    [":BTCUSD", /exchange/],
    ["BINANCE:", /ticker must be/],
  ])("when given %j, then it is refused with a reason", (input, reason) => {
    const check = checkSymbol(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});

describe("symbolId", () => {
  it.each([
    ["BINANCE", "SOLUSD", "BINANCE", "SOLUSD"],
    ["BINANCE", "SOLUSD", "COINBASE", "BINANCE:SOLUSD"],
    ["COINBASE", "XRPUSD", "COINBASE", "XRPUSD"],
    [undefined, "SOLUSD", "COINBASE", "SOLUSD"],
    ["BINANCE", "SOLUSD", undefined, "BINANCE:SOLUSD"],
  ])("when %j:%j is named on default %j, then its id is %j", (exchange, ticker, defaultExchange, id) => {
    expect(symbolId(exchange, ticker, defaultExchange)).toBe(id);
  });
});
