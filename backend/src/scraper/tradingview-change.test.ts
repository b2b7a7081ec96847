import { describe, expect, it } from "vitest";
import { parseChange, parseChangePercent } from "./tradingview.js";

describe("the change beside the price", () => {
  it.each([
    ["+1,234.56", "1234.56"],
    ["\u22120.45", "-0.45"],
    ["-0.45", "-0.45"],
    ["+0.00", "0.00"],
    ["0.00", "0.00"],
    ["\u22121\u202f234.5", "-1234.5"],
    ["+97\u00a0123.45", "97123.45"],
    ["  +12.5\n", "12.5"],
    ["+0.00000012", "0.00000012"],
    ["\u2212.5", "-0.5"],
  ])("when the page shows the change %j, then it is %j", (text, change) => {
    expect(parseChange(text)).toBe(change);
  });

  it.each([
    ["+1.23%", "1.23"],
    ["(\u22120.45%)", "-0.45"],
    ["(+1.23%)", "1.23"],
    ["\u22120.45%", "-0.45"],
    ["+1,234.50%", "1234.50"],
    ["0.00%", "0.00"],
    ["( \u22120.45 % )", "-0.45"],
    ["+1.23", "1.23"],
  ])("when the page shows the percent %j, then it is %j", (text, percent) => {
    expect(parseChangePercent(text)).toBe(percent);
  });

  it.each([[""], ["\u2014"], ["N/A"], ["+"], ["+\u22121"], ["++1"], ["1.2.3"], ["+1.2%"], ["(1.2"], ["1e3"]])(
    "when the page shows %j as the change, then there is none",
    (text) => {
      expect(parseChange(text)).toBeNull();
    },
  );

  it.each([[""], ["%"], ["()"], ["(+1.2%"], ["+1.2%%"], ["\u2014%"], ["+\u22120.4%"]])(
    "when the page shows %j as the percent, then there is none",
    (text) => {
      expect(parseChangePercent(text)).toBeNull();
    },
  );
});
