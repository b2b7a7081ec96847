import { describe, expect, it } from "vitest";
import { withStatus } from "../model/ticker.js";
import { TickerRows } from "./ticker-rows.js";

describe("TickerRows.nextChange", () => {
  it("when the server holds extra symbols, then they are removed first, all at once", () => {
    const rows = new TickerRows(["BTCUSD", "NEWUSD"]);
    expect(rows.nextChange(new Set(["BTCUSD", "OLDUSD", "GONEUSD"]))).toEqual({
      remove: ["OLDUSD", "GONEUSD"],
    });
  });

  it("when symbols are missing on the server, then they are added one at a time in the order made", () => {
    const rows = new TickerRows(["ZECUSD"]);
    rows.add("ADAUSD");
    expect(rows.nextChange(new Set())).toEqual({ add: "ZECUSD" });
    expect(rows.nextChange(new Set(["ZECUSD"]))).toEqual({ add: "ADAUSD" });
    expect(rows.nextChange(new Set(["ADAUSD", "ZECUSD"]))).toBeUndefined();
  });

  it("when a symbol was rejected, then it is neither re-sent nor watched nor kept", () => {
    const rows = new TickerRows(["BTCUSD", "NOPE"]);
    rows.update("NOPE", (view) => withStatus(view, "rejected", "bad"));
    expect(rows.nextChange(new Set(["BTCUSD"]))).toBeUndefined();
    expect(rows.watchable()).toEqual(["BTCUSD"]);
    expect(rows.sorted().map((view) => view.symbol)).toEqual(["BTCUSD", "NOPE"]);
  });
});

describe("TickerRows.adoptDefault", () => {
  it("when the server names its default, then rows take its ids and the saved list names every exchange", () => {
    const rows = new TickerRows(["SOLUSD", "BINANCE:XRPUSD", "COINBASE:ETHUSD"]);
    expect(rows.qualified()).toEqual(["BINANCE:XRPUSD", "COINBASE:ETHUSD", "SOLUSD"]);
    expect(rows.adoptDefault("COINBASE")).toBe(true);
    expect(rows.watchable()).toEqual(["BINANCE:XRPUSD", "ETHUSD", "SOLUSD"]);
    expect(rows.qualified()).toEqual(["BINANCE:XRPUSD", "COINBASE:ETHUSD", "COINBASE:SOLUSD"]);
    expect(rows.adoptDefault("COINBASE")).toBe(false);
  });

  it("when the default changes, then each row keeps its market under its new name", () => {
    const rows = new TickerRows([]);
    rows.adoptDefault("BINANCE");
    rows.add("SOLUSD");
    rows.add("COINBASE:XRPUSD");
    rows.adoptDefault("COINBASE");
    expect(rows.watchable()).toEqual(["BINANCE:SOLUSD", "XRPUSD"]);
  });

  it("when two rows turn out to be one market, then the first is kept, in its place", () => {
    const rows = new TickerRows(["BINANCE:SOLUSD", "ETHUSD", "SOLUSD"]);
    rows.adoptDefault("BINANCE");
    expect(rows.nextChange(new Set())).toEqual({ add: "SOLUSD" });
    expect(rows.watchable()).toEqual(["ETHUSD", "SOLUSD"]);
  });

  it("when rows start under a remembered default, then they take its names and only a different word renames them", () => {
    const rows = new TickerRows(["BINANCE:BTCUSD", "COINBASE:XRPUSD", "BTCUSD"], "BINANCE");
    expect(rows.watchable()).toEqual(["BTCUSD", "COINBASE:XRPUSD"]);
    expect(rows.qualified()).toEqual(["BINANCE:BTCUSD", "COINBASE:XRPUSD"]);
    expect(rows.adoptDefault("BINANCE")).toBe(false);
    expect(rows.adoptDefault("COINBASE")).toBe(true);
    expect(rows.watchable()).toEqual(["BINANCE:BTCUSD", "XRPUSD"]);
  });
});
