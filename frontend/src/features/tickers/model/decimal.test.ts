import { describe, expect, it } from "vitest";
import { compareDecimal, formatPrice } from "./decimal.js";

describe("compareDecimal", () => {
  it("when prices differ beyond float precision, then the order is still exact", () => {
    expect(compareDecimal("0.30000000000000001", "0.3")).toBe(1);
    expect(compareDecimal("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareDecimal("0.00001234", "0.00001235")).toBe(-1);
  });

  it("when prices differ only in trailing or leading zeros, then they are equal", () => {
    expect(compareDecimal("97123.450", "97123.45")).toBe(0);
    expect(compareDecimal("007", "7.0")).toBe(0);
    expect(compareDecimal("-0", "0.00")).toBe(0);
  });

  it("when prices are negative, then the larger magnitude is lower", () => {
    expect(compareDecimal("-2", "-1")).toBe(-1);
    expect(compareDecimal("\u22121.5", "1")).toBe(-1);
    expect(compareDecimal("10", "9.99")).toBe(1);
  });

  it("when a price is not a decimal, then no order is given", () => {
    expect(compareDecimal("n/a", "1")).toBeUndefined();
  });
});

describe("formatPrice", () => {
  it("when a price is large, then thousands are separated and every digit is kept", () => {
    expect(formatPrice("97123.450")).toBe("97,123.450");
    expect(formatPrice("1234567")).toBe("1,234,567");
    expect(formatPrice("0.00001234")).toBe("0.00001234");
    expect(formatPrice("-1234.5")).toBe("\u22121,234.5");
  });

  it("when a price is not a decimal, then it is shown as it came", () => {
    expect(formatPrice("n/a")).toBe("n/a");
  });
});
