import { describe, expect, it } from "vitest";
import { formatClock } from "./clock.js";

describe("formatClock", () => {
  it("when the time is on the same day as now, then only the time of day shows; else its date too", () => {
    const now = new Date(2026, 10, 29, 23, 15, 53).getTime();
    const earlier = new Date(2026, 10, 29, 9, 5, 7).getTime();
    const yesterday = new Date(2026, 10, 28, 9, 5, 7).getTime();
    expect(formatClock(earlier, now)).toMatch(/\b9:05:07\b/);
    expect(formatClock(earlier, now)).not.toMatch(/28|29|Nov/);
    expect(formatClock(yesterday, now)).toMatch(/28/);
    expect(formatClock(yesterday, now)).not.toMatch(/:07/);
  });
});
