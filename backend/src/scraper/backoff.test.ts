import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

describe("backoffDelay", () => {
  const middle = () => 0.5;
  it("when attempts repeat, then the delay doubles each time up to the cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 100, 1000, middle))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
  it("when jitter is at its extremes, then the delay stays within ±25%", () => {
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(300);
    expect(backoffDelay(3, 100, 10_000, () => 0.999999)).toBe(500);
  });
  it("when the attempt number is huge, then the delay is still the cap", () => {
    expect(backoffDelay(10_000, 100, 5000, middle)).toBe(5000);
  });
});
