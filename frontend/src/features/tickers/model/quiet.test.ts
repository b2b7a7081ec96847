import { describe, expect, it } from "vitest";
import { quietMinutes } from "./quiet.js";
import { newTicker, withQuote, withStatus } from "./ticker.js";

const live = withQuote(newTicker("BTCUSD"), { price: "1", observedAt: 0 });

describe("quietMinutes", () => {
  it("when a live price has not changed for 2 minutes or more, then it says for how many whole minutes", () => {
    expect(quietMinutes(live, 119_999)).toBeUndefined();
    expect(quietMinutes(live, 120_000)).toBe(2);
    expect(quietMinutes(live, 61 * 60_000 + 5)).toBe(61);
  });

  it("when the ticker is not live, then a quiet price is the state's business, not this", () => {
    expect(quietMinutes(withStatus(live, "reconnecting", ""), 600_000)).toBeUndefined();
    expect(quietMinutes(newTicker("BTCUSD"), 600_000)).toBeUndefined();
  });
});
