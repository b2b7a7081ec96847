import { describe, expect, it } from "vitest";
import { sameQuote } from "./events.js";

describe("sameQuote", () => {
  it("when price, change and percent are equal, then the quotes are the same, whatever the time", () => {
    expect(sameQuote({ price: "1.5", change: "0.1", changePercent: "7.14" }, { price: "1.5", change: "0.1", changePercent: "7.14" })).toBe(true);
    expect(sameQuote({ price: "1.5" }, { price: "1.5" })).toBe(true);
  });

  it("when any of the three differs, or a change is shown on one side only, then they are not", () => {
    const base = { price: "1.5", change: "0.1", changePercent: "7.14" };
    expect(sameQuote(base, { ...base, price: "1.50" })).toBe(false);
    expect(sameQuote(base, { ...base, change: "0.2" })).toBe(false);
    expect(sameQuote(base, { ...base, changePercent: "7.15" })).toBe(false);
    expect(sameQuote(base, { price: "1.5", changePercent: "7.14" })).toBe(false);
  });
});
