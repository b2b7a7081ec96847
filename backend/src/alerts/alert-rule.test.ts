import { describe, expect, it } from "vitest";
import { createAlertRule } from "./alert-rule.js";
import { checkAlert, type AlertInput } from "./alert-spec.js";

const cross = (direction: "above" | "below", level: string, extra: Partial<AlertInput> = {}) =>
  checkAlert({ symbol: "BTCUSD", condition: { kind: "cross", direction, level }, repeat: false, cooldownSeconds: 0, ...extra });
const move = (direction: "up" | "down" | "either", percent: string, windowMinutes: number, extra: Partial<AlertInput> = {}) =>
  checkAlert({ symbol: "BTCUSD", condition: { kind: "move", direction, percent, windowMinutes }, repeat: false, cooldownSeconds: 0, ...extra });

/** feed runs `prices` through a rule one second apart and returns the indexes that fired. */
function fires(rule: ReturnType<typeof createAlertRule>, prices: readonly string[], step = 1000): number[] {
  return prices.flatMap((price, i) => (rule.observe(price, i * step) === undefined ? [] : [i]));
}

describe("cross rule", () => {
  it("when the price rises onto the level, then an above alert fires: touching counts", () => {
    expect(fires(createAlertRule(cross("above", "100")), ["99.99", "100.00"])).toEqual([1]);
  });

  it("when the price jumps over the level between two quotes, then it fires on the quote beyond", () => {
    expect(fires(createAlertRule(cross("below", "100")), ["101", "98"])).toEqual([1]);
  });

  it("when set with the price already past the level, then it waits for a real cross", () => {
    const rule = createAlertRule(cross("above", "100"), { price: "105", at: 0 });
    expect(fires(rule, ["106", "107", "99", "100"])).toEqual([3]);
  });

  it("when set before any price, then the first quote only arms it", () => {
    expect(fires(createAlertRule(cross("above", "100")), ["100", "101", "99", "100.5"])).toEqual([3]);
  });

  it("when levels differ beyond a float's precision, then the comparison is still exact", () => {
    const rule = createAlertRule(cross("above", "0.30000000000000001"), { price: "0.3", at: 0 });
    expect(fires(rule, ["0.30000000000000000", "0.30000000000000001"])).toEqual([1]);
  });

  it("when a price is not a decimal, then it is ignored and arming stays as it was", () => {
    expect(fires(createAlertRule(cross("above", "100"), { price: "99", at: 0 }), ["n/a", "100"])).toEqual([1]);
  });

  it("when it repeats, then it fires again after re-arming, but not within the cooldown", () => {
    const rule = createAlertRule(cross("above", "100", { repeat: true, cooldownSeconds: 5 }), { price: "99", at: 0 });
    // Crosses at 1 s and at 3 s (cooling, let pass), and at 7 s (cool again).
    expect(fires(rule, ["99", "100", "99", "101", "99", "98", "99", "100"])).toEqual([1, 7]);
  });
});

describe("move rule", () => {
  it("when the price rises the percent within the window, then an up alert fires with the low it rose from", () => {
    const rule = createAlertRule(move("up", "5", 1), { price: "100", at: 0 });
    expect(rule.observe("104.99", 1000)).toBeUndefined();
    expect(rule.observe("105", 2000)).toEqual({ reference: "100" });
  });

  it("when the rise spans more than the window, then it does not fire", () => {
    const rule = createAlertRule(move("up", "5", 1), { price: "100", at: 0 });
    expect(rule.observe("103", 30_000)).toBeUndefined();
    expect(rule.observe("105", 61_000)).toBeUndefined();
    expect(rule.observe("108.15", 62_000)).toEqual({ reference: "103" });
  });

  it("when the price falls the percent from the window's high, then a down alert fires; either fires on the rise too", () => {
    const prices = ["200", "210", "205", "204.75"];
    expect(fires(createAlertRule(move("down", "2.5", 10)), prices)).toEqual([3]);
    expect(fires(createAlertRule(move("either", "2.5", 10)), prices)).toEqual([1, 3]);
  });

  it("when it fired, then the window starts again: one move fires once", () => {
    const rule = createAlertRule(move("up", "1", 60, { repeat: true, cooldownSeconds: 1 }), { price: "100", at: 0 });
    expect(fires(rule, ["100", "101", "101.5", "102.01"])).toEqual([1, 3]);
  });

  it("when a down alert sees a rise, then it stays quiet", () => {
    expect(fires(createAlertRule(move("down", "1", 5)), ["100", "150", "200"])).toEqual([]);
  });
});
