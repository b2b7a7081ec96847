import { describe, expect, it } from "vitest";
import { alertMessage, createAlert, firedMessage, observePrice, parseAlertLevel, type PriceAlert } from "./alert.js";

/** run saves an alert at `price`, feeds it `prices` in order, and returns each step's alert. */
function run(alert: PriceAlert, prices: readonly string[]): PriceAlert[] {
  const steps: PriceAlert[] = [];
  let current = alert;
  prices.forEach((price, i) => {
    current = observePrice(current, price, 1_000 + i);
    steps.push(current);
  });
  return steps;
}

const firedAt = (steps: readonly PriceAlert[]) => steps.findIndex((step) => step.fired !== undefined);

describe("price alert crossing", () => {
  it("when an above alert is saved below its level, then it fires on the first quote at or over it, once", () => {
    const steps = run(createAlert("a", "above", "100", "99.5"), ["99.9", "100.01", "101", "99", "100.5"]);
    expect(firedAt(steps)).toBe(1);
    expect(steps[1]?.fired).toEqual({ price: "100.01", at: 1_001 });
    // Fired once: later crossings change nothing, not even the object.
    expect(steps[4]).toBe(steps[1]);
  });

  it("when the first quote after saving is already over the level, then it does not fire until a real cross", () => {
    const saved = createAlert("a", "above", "100", "105");
    expect(saved.armed).toBe(false);
    const steps = run(saved, ["106", "100", "99.99", "100"]);
    expect(firedAt(steps)).toBe(3);
  });

  it("when an alert is saved before any price, then the first quote only arms or waits", () => {
    expect(firedAt(run(createAlert("a", "above", "100", undefined), ["150"]))).toBe(-1);
    const steps = run(createAlert("b", "above", "100", undefined), ["90", "120"]);
    expect(firedAt(steps)).toBe(1);
  });

  it("when a quote lands exactly on the level, then it fires: the level was reached", () => {
    expect(firedAt(run(createAlert("a", "above", "100.50", "100.4"), ["100.5"]))).toBe(0);
    expect(firedAt(run(createAlert("b", "below", "100", "100.01"), ["100.000"]))).toBe(0);
  });

  it("when the price only touches the level it started on, then that is no cross", () => {
    const steps = run(createAlert("a", "above", "100", "100"), ["100", "100.0"]);
    expect(firedAt(steps)).toBe(-1);
  });

  it("when prices gap over the level, then the gap is a cross", () => {
    expect(firedAt(run(createAlert("a", "above", "100", "98"), ["99", "102"]))).toBe(1);
    expect(firedAt(run(createAlert("b", "below", "100", "102"), ["101", "97.5"]))).toBe(1);
  });

  it("when prices differ beyond float precision, then the exact decimal decides", () => {
    const alert = createAlert("a", "above", "0.30000000000000001", "0.3");
    expect(alert.armed).toBe(true);
    expect(firedAt(run(alert, ["0.30000000000000000", "0.30000000000000001"]))).toBe(1);
  });

  it("when a below alert fires, then the card and the live region say so", () => {
    const [fired] = run(createAlert("a", "below", "97000", "97100"), ["96999.5"]);
    if (fired === undefined) throw new Error("no step");
    expect(alertMessage("BTCUSD", fired)).toBe("Alert: BTCUSD below 97,000");
    expect(firedMessage("BTCUSD", fired)).toBe("Alert: BTCUSD below 97,000 (price 96,999.5)");
  });

  it("when a price is not a decimal, then it is ignored", () => {
    const alert = createAlert("a", "above", "100", "99");
    expect(observePrice(alert, "n/a", 1)).toBe(alert);
  });
});

describe("parseAlertLevel", () => {
  it.each([
    ["97000.50", "97000.50"],
    [" 0.00001234 ", "0.00001234"],
    ["+5", "5"],
    [".5", "0.5"],
    ["12.", "12"],
  ])("when %j is typed, then the level is %j", (input, level) => {
    expect(parseAlertLevel(input)).toEqual({ ok: true, level });
  });

  it.each([
    ["", /^Enter a price/],
    ["   ", /^Enter a price/],
    ["0", /above zero/],
    ["0.000", /above zero/],
    ["-5", /positive number/],
    ["1e5", /positive number/],
    ["abc", /positive number/],
    ["1,000", /positive number/],
  ])("when %j is typed, then it is refused with %s", (input, reason) => {
    const parsed = parseAlertLevel(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
