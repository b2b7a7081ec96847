import { describe, expect, it } from "vitest";
import { sparklineName, sparklineShape } from "./sparkline.js";

const MINUTE = 60_000;

describe("sparklineShape", () => {
  it("when prices move, then time runs left to right and the highest price is at the top", () => {
    const shape = sparklineShape(
      [
        { at: 0, price: "10" },
        { at: 30_000, price: "30" },
        { at: 60_000, price: "20" },
      ],
      100,
      20,
    );
    expect(shape).toEqual({ points: "0,20 50,0 100,10", count: 3 });
  });

  it("when the price is flat, then the line runs across the middle", () => {
    const shape = sparklineShape([{ at: 0, price: "5" }, { at: 10, price: "5.0" }], 100, 20);
    expect(shape?.points).toBe("0,10 100,10");
  });

  it("when there are fewer than two points, then there is no line", () => {
    expect(sparklineShape([], 100, 20)).toBeUndefined();
    expect(sparklineShape([{ at: 0, price: "5" }], 100, 20)).toBeUndefined();
  });
});

describe("sparklineName", () => {
  it.each([
    [0, "Price over the last 1 minute"],
    [20_000, "Price over the last 1 minute"],
    [2.4 * MINUTE, "Price over the last 2 minutes"],
    [14.6 * MINUTE, "Price over the last 15 minutes"],
  ])("when the points span %d ms, then the name is %j", (span, name) => {
    expect(sparklineName([{ at: 1_000, price: "1" }, { at: 1_000 + span, price: "2" }])).toBe(name);
  });
});
