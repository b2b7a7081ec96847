import { describe, expect, it } from "vitest";
import { newTicker, type TickerView } from "../model/ticker.js";
import { BoardOrder } from "./board-order.js";

const view = (symbol: string, changePercent: string): TickerView => ({ ...newTicker(symbol), price: "1", changePercent });
/** board is a BoardOrder whose clock each call sets. */
function board() {
  const clock = { ms: 0 };
  const order = new BoardOrder(1_000, () => clock.ms);
  return {
    arrange(views: readonly TickerView[], sort: "change-desc" | "symbol", ms: number) {
      clock.ms = ms;
      return order.arrange(views, sort);
    },
  };
}
const ids = (views: readonly TickerView[]) => views.map((item) => item.symbol);

describe("BoardOrder", () => {
  it("when quotes would reorder a sorted board twice within a second, then it moves once, and the held move comes when due", () => {
    const order = board();
    expect(ids(order.arrange([view("AAA", "1"), view("BBB", "2")], "change-desc", 0).views)).toEqual(["BBB", "AAA"]);

    // AAA overtakes 300 ms later: held, with the time it may move.
    const held = order.arrange([view("AAA", "3"), view("BBB", "2")], "change-desc", 300);
    expect(ids(held.views)).toEqual(["BBB", "AAA"]);
    expect(held.views[1]?.changePercent).toBe("3");
    expect(held.dueAt).toBe(1_000);

    const moved = order.arrange([view("AAA", "3"), view("BBB", "2")], "change-desc", 1_000);
    expect(ids(moved.views)).toEqual(["AAA", "BBB"]);
    expect(moved.dueAt).toBeUndefined();

    // BBB overtakes back at once: held again until a second after the last move.
    expect(order.arrange([view("AAA", "3"), view("BBB", "4")], "change-desc", 1_200).dueAt).toBe(2_000);
  });

  it("when the reader adds a ticker or picks another sort, then the board follows at once", () => {
    const order = board();
    order.arrange([view("AAA", "1"), view("BBB", "2")], "change-desc", 0);
    expect(ids(order.arrange([view("AAA", "1"), view("BBB", "2"), view("CCC", "9")], "change-desc", 100).views)).toEqual(["CCC", "BBB", "AAA"]);
    expect(ids(order.arrange([view("AAA", "1"), view("BBB", "2"), view("CCC", "9")], "symbol", 200).views)).toEqual(["AAA", "BBB", "CCC"]);
  });
});
