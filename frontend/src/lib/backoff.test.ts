import { describe, expect, it } from "vitest";
import { backoffDelay, defaultBackoff } from "./backoff.js";

describe("backoffDelay", () => {
  it("when retries fail in a row, then the wait doubles from 1 s up to 30 s", () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 40].map((n) => backoffDelay(defaultBackoff, n, 0.5));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("when jitter applies, then the wait stays within ± 20 % and under the cap", () => {
    expect(backoffDelay(defaultBackoff, 0, 0)).toBe(800);
    expect(backoffDelay(defaultBackoff, 0, 0.999_999)).toBe(1_200);
    expect(backoffDelay(defaultBackoff, 10, 0.999_999)).toBe(30_000);
  });
});
