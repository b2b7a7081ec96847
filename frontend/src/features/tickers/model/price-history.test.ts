import { describe, expect, it } from "vitest";
import { NO_PRICES, pricesFromHistory, withPoint, type PricePoint } from "./price-history.js";

const MINUTE = 60_000;
const points = (n: number, stepMs: number, from = 0): PricePoint[] =>
  Array.from({ length: n }, (_, i) => ({ at: from + i * stepMs, price: String(100 + i) }));

describe("recent prices", () => {
  it("when a history arrives out of order, then it is kept in time order", () => {
    const seeded = pricesFromHistory([{ at: 3, price: "3" }, { at: 1, price: "1" }, { at: 2, price: "2" }]);
    expect(seeded.points.map((p) => p.price)).toEqual(["1", "2", "3"]);
  });

  it("when live points extend the list past 300, then the oldest go", () => {
    let prices = NO_PRICES;
    for (const point of points(305, 1_000)) prices = withPoint(prices, point);
    expect(prices.points).toHaveLength(300);
    expect(prices.points[0]?.price).toBe("105");
    expect(prices.points.at(-1)?.price).toBe("404");
  });

  it("when points are older than 15 minutes before the newest, then they go", () => {
    let prices = pricesFromHistory(points(10, MINUTE));
    prices = withPoint(prices, { at: 20 * MINUTE, price: "1" });
    expect(prices.points.map((p) => p.at / MINUTE)).toEqual([5, 6, 7, 8, 9, 20]);
  });

  it("when the server's history holds more than the defaults, then its own count and span bound the list", () => {
    const seeded = pricesFromHistory(points(500, 3_000));
    expect(seeded.maxPoints).toBe(500);
    const next = withPoint(seeded, { at: 500 * 3_000, price: "1" });
    expect(next.points).toHaveLength(500);
    expect(next.points[0]?.at).toBe(3_000);
  });

  it("when a point is no newer than the last, such as the cached quote after the history, then it is not added twice", () => {
    const seeded = pricesFromHistory(points(3, 1_000));
    expect(withPoint(seeded, { at: 2_000, price: "102" })).toBe(seeded);
    expect(withPoint(seeded, { at: 1_500, price: "7" })).toBe(seeded);
  });
});
