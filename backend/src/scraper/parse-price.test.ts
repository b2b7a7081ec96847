import { describe, expect, it } from "vitest";
import { parsePrice } from "./parse-price.js";

describe("parsePrice", () => {
  it.each([
    ["97123.45", "97123.45"],
    ["97,123.45", "97123.45"],
    ["1,234,567.8", "1234567.8"],
    ["97\u202f123.45", "97123.45"],
    ["97\u00a0123.45", "97123.45"],
    ["97 123.45", "97123.45"],
    // nested spans and a <sup> joined by textContent, sometimes with markup white space between
    ["97,1\n  23.4\n  5", "97123.45"],
    ["0.00001234", "0.00001234"],
    ["0.000000001", "0.000000001"],
    ["3.1400", "3.1400"],
    ["\u22120.5", "-0.5"],
    ["\u22121,234.5", "-1234.5"],
    ["-12.5", "-12.5"],
    ["42", "42"],
    [".5", "0.5"],
    ["  61,000.00  ", "61000.00"],
  ])("when the page shows %j, then the price is %j", (text, price) => {
    expect(parsePrice(text)).toBe(price);
  });

  it.each([
    [""],
    ["   "],
    ["\u2014"],
    ["-"],
    ["N/A"],
    ["1.2.3"],
    ["97,123.45 USD"],
    ["+1.25%"],
    ["1e5"],
    ["12."],
    ["--5"],
    ["\u2212\u22125"],
    ["Infinity"],
    ["NaN"],
  ])("when the page shows %j, then there is no price", (text) => {
    expect(parsePrice(text)).toBeNull();
  });
});
