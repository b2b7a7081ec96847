import { describe, expect, it } from "vitest";
import { newTicker, type TickerView } from "./ticker.js";
import { sortTickers } from "./sort-order.js";

const view = (symbol: string, price?: string, changePercent?: string): TickerView => ({ ...newTicker(symbol), price, changePercent });
const board = [view("AAA", "10.5", "-2.5"), view("BBB", "9.75", "3"), view("CCC"), view("DDD", "100", "0.01"), view("EEE", "10.5", "3")];
const order = (sorted: TickerView[]) => sorted.map((item) => item.symbol);

describe("sortTickers", () => {
  it("when sorted by name, then it is alphabetical", () => {
    expect(order(sortTickers([...board].reverse(), "symbol"))).toEqual(["AAA", "BBB", "CCC", "DDD", "EEE"]);
  });

  it("when sorted by change %, then exact decimals decide, ties go by name, and unknowns go last", () => {
    expect(order(sortTickers(board, "change-desc"))).toEqual(["BBB", "EEE", "DDD", "AAA", "CCC"]);
    expect(order(sortTickers(board, "change-asc"))).toEqual(["AAA", "DDD", "BBB", "EEE", "CCC"]);
  });

  it("when sorted by price, then 100 beats 10.5 beats 9.75 (not as text), and no price goes last", () => {
    expect(order(sortTickers(board, "price-desc"))).toEqual(["DDD", "AAA", "EEE", "BBB", "CCC"]);
    expect(order(sortTickers(board, "price-asc"))).toEqual(["BBB", "AAA", "EEE", "DDD", "CCC"]);
  });
});
