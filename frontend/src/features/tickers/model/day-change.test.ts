import { describe, expect, it } from "vitest";
import { dayChange } from "./day-change.js";

describe("dayChange", () => {
  it.each([
    ["1234.56", "1.23", "up", "+1,234.56 (+1.23%)", "up 1,234.56, up 1.23 percent"],
    ["-0.45", "-0.02", "down", "\u22120.45 (\u22120.02%)", "down 0.45, down 0.02 percent"],
    ["0.00", "0.00", "flat", "0.00 (0.00%)", "unchanged 0.00, unchanged 0.00 percent"],
    ["", "1.5", "up", "+1.5%", "up 1.5 percent"],
    ["-2", "", "down", "\u22122", "down 2"],
  ])("when the change is %j and %j percent, then it reads %s: %j", (change, percent, direction, shown, spoken) => {
    const day = dayChange(change, percent);
    expect(day).toMatchObject({ direction, shown, spoken });
    const both = day?.absolute !== undefined && day.percent !== undefined;
    expect(both ? `${day.absolute} (${day.percent})` : (day?.absolute ?? day?.percent)).toBe(shown);
  });

  it("when neither is known or readable, then there is nothing to show", () => {
    expect(dayChange("", "")).toBeUndefined();
    expect(dayChange(undefined, "n/a")).toBeUndefined();
  });
});
