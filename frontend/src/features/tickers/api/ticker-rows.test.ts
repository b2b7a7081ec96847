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
