import { describe, expect, it } from "vitest";
import { seededDayChange, shownChange, steerDayChange } from "./day-change.js";
import { parseDecimal, percentOf, type Decimal } from "./decimal.js";
import { randomFor } from "./prng.js";

const decimal = (text: string): Decimal => parseDecimal(text)!;

describe("day change", () => {
  it("when a ticker starts, then its open is seeded within 3 % of the price, the same on every run", () => {
    const start = decimal("97123.45");
    const first = seededDayChange(start, randomFor(1, "BTCUSD#open"));
    expect(seededDayChange(start, randomFor(1, "BTCUSD#open")).open).toEqual(first.open);
    const shown = shownChange(first, start)!;
    expect(Math.abs(Number(shown.percent))).toBeLessThanOrEqual(3.1);
    expect(shown.value).toMatch(/^-?\d+\.\d{2}$/);
  });

  it("when the price moves, then the change follows it: price minus open, percent of the open", () => {
    const change = seededDayChange(decimal("100.00"), () => 0.5);
    expect(shownChange(change, decimal("101.50"))).toEqual({ value: "1.50", percent: "1.50", parenthesized: false });
    expect(shownChange(change, decimal("99.55"))).toEqual({ value: "-0.45", percent: "-0.45", parenthesized: false });
  });

  it("when steered, then open, rollover, pins, hiding and the legacy style apply in order", () => {
    const change = seededDayChange(decimal("100.00"), () => 0.5);
    steerDayChange(change, { open: "80.00" }, decimal("100.00"));
    expect(shownChange(change, decimal("100.00"))).toMatchObject({ value: "20.00", percent: "25.00" });
    steerDayChange(change, { value: "-1234.56", percent: "-0.45", parenthesized: true }, decimal("100.00"));
    expect(shownChange(change, decimal("101.00"))).toEqual({ value: "-1234.56", percent: "-0.45", parenthesized: true });
    steerDayChange(change, { rollover: true }, decimal("101.00"));
    expect(shownChange(change, decimal("101.00"))).toMatchObject({ value: "0.00", percent: "0.00" });
    steerDayChange(change, { hidden: true }, decimal("101.00"));
    expect(shownChange(change, decimal("101.00"))).toBeUndefined();
    expect(() => steerDayChange(change, { open: "0" }, decimal("1"))).toThrow(RangeError);
  });

  it("when a percent is computed, then it is exact and rounded half away from zero", () => {
    expect(percentOf(decimal("1.00"), decimal("97.00"))).toEqual({ units: 103n, scale: 2 });
    expect(percentOf(decimal("-0.00005"), decimal("1"))).toEqual({ units: -1n, scale: 2 });
    expect(percentOf(decimal("0.000049"), decimal("1"))).toEqual({ units: 0n, scale: 2 });
    expect(percentOf(decimal("5"), decimal("0"))).toEqual({ units: 0n, scale: 2 });
  });
});
