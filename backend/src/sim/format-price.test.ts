import { describe, expect, it } from "vitest";
import { formatChange, formatPrice, localeFor, MINUS, splitPrice } from "./format-price.js";

describe("formatPrice", () => {
  it("when the locale is en-US, then thousands get commas and the decimal point is a dot", () => {
    expect(formatPrice("97123.45", "en-US")).toBe("97,123.45");
    expect(formatPrice("1234567.5", "en-US")).toBe("1,234,567.5");
    expect(formatPrice("654.32", "en-US")).toBe("654.32");
    expect(formatPrice("1000", "en-US")).toBe("1,000");
  });

  it("when the locale is de-DE, then dots group thousands and a comma marks decimals", () => {
    expect(formatPrice("97123.45", "de-DE")).toBe("97.123,45");
    expect(formatPrice("5.2169", "de-DE")).toBe("5,2169");
  });

  it("when a price is tiny, then every fraction digit is kept", () => {
    expect(formatPrice("0.00001234", "en-US")).toBe("0.00001234");
    expect(formatPrice("0.00001230", "de-DE")).toBe("0,00001230");
  });

  it("when a number is negative, then it starts with U+2212", () => {
    expect(formatPrice("-1234.5", "en-US")).toBe(`${MINUS}1,234.5`);
  });

  it("when the text is not a plain decimal, then it throws", () => {
    expect(() => formatPrice("1e5", "en-US")).toThrow(RangeError);
    expect(() => formatPrice("1,000", "en-US")).toThrow(RangeError);
  });
});

describe("splitPrice", () => {
  it("when a price has fraction digits, then the last two go to the sup and nothing is lost", () => {
    expect(splitPrice("97,123.45", "en-US")).toEqual({ main: "97,123.", sup: "45" });
    expect(splitPrice("0,00001234", "de-DE")).toEqual({ main: "0,000012", sup: "34" });
    expect(splitPrice("97,123.4", "en-US")).toEqual({ main: "97,123.", sup: "4" });
    expect(splitPrice("1,000", "en-US")).toEqual({ main: "1,000", sup: "" });
  });
});

describe("localeFor", () => {
  it("when the language is English, then prices are en-US, else de-DE", () => {
    expect(localeFor("en-US")).toBe("en-US");
    expect(localeFor("en")).toBe("en-US");
    expect(localeFor("en-GB,en;q=0.9")).toBe("en-US");
    expect(localeFor("de-DE,de;q=0.9,en;q=0.8")).toBe("de-DE");
    expect(localeFor("fr")).toBe("de-DE");
    expect(localeFor(undefined)).toBe("de-DE");
  });
});

describe("formatChange", () => {
  it("when the change is shown, then both numbers are signed and grouped, the percent with %", () => {
    expect(formatChange({ value: "1000.00", percent: "1.03", parenthesized: false }, "en-US")).toEqual({
      value: "+1,000.00",
      percent: "+1.03%",
    });
    expect(formatChange({ value: "-0.00000012", percent: "-0.97", parenthesized: false }, "de-DE")).toEqual({
      value: `${MINUS}0,00000012`,
      percent: `${MINUS}0,97%`,
    });
  });
  it("when the legacy style is asked for, then the percent is in parentheses and zero reads +", () => {
    expect(formatChange({ value: "-1234.5", percent: "-0.45", parenthesized: true }, "en-US")).toEqual({
      value: `${MINUS}1,234.5`,
      percent: `(${MINUS}0.45%)`,
    });
    expect(formatChange({ value: "0.00", percent: "0.00", parenthesized: true }, "en-US").percent).toBe("(+0.00%)");
  });
});
