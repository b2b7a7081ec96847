import { describe, expect, it } from "vitest";
import { CLOCK_TICK_MS, clockPrice, clockTick, tickOfClockPrice } from "./clock-price.js";

describe("clock prices", () => {
  it("when a price is shown at some tick, then a client reads that tick back from the price alone", () => {
    const shownAt = Date.UTC(2026, 10, 29, 22, 0, 0, 130);
    const tick = clockTick(shownAt);
    expect(tick * CLOCK_TICK_MS).toBe(Date.UTC(2026, 10, 29, 22, 0, 0, 0));
    for (const decimals of [0, 2, 8]) {
      const price = clockPrice(tick, decimals);
      expect(tickOfClockPrice(price, shownAt + 3_000)).toBe(tick);
    }
    // Pure: nothing to clean up.
  });

  it("when two ticks follow each other, then their prices differ and keep the same number of digits", () => {
    const tick = clockTick(Date.UTC(2026, 0, 1));
    expect(clockPrice(tick, 2)).not.toBe(clockPrice(tick + 1, 2));
    expect(clockPrice(tick, 2)).toHaveLength(clockPrice(tick + 1, 2).length);
    expect(clockPrice(tick, 2)).toMatch(/^1\d{4}\.\d{2}$/);
  });

  it("when the price wraps around its period, then a late receipt still maps to the earlier tick", () => {
    const tick = 1_999_999;
    expect(tickOfClockPrice(clockPrice(tick, 2), (tick + 2) * CLOCK_TICK_MS)).toBe(tick);
  });

  it("when a price is not a clock price, then no tick is read from it", () => {
    expect(tickOfClockPrice("97123.45", Date.now())).toBeUndefined();
    expect(tickOfClockPrice("nope", Date.now())).toBeUndefined();
  });
});
