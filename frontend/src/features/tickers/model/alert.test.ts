import { describe, expect, it } from "vitest";
import { alertLabel, alertMessage, firedMessage, isWaiting, parseAlertLevel, type PriceAlert } from "./alert.js";

describe("price alert wording and state", () => {
  const alert: PriceAlert = { id: "a", direction: "below", level: "97000" };

  it("when a below alert fired, then the card, the live region and a notification say so with the price", () => {
    const fired = { ...alert, fired: { price: "96999.5", at: 1 } };
    expect(alertLabel(alert)).toBe("Below 97,000");
    expect(alertMessage("BTCUSD", fired)).toBe("Alert: BTCUSD below 97,000");
    expect(firedMessage("BTCUSD", fired)).toBe("Alert: BTCUSD below 97,000 (price 96,999.5)");
  });

  it("when an alert fired or was refused, then it no longer waits on the server", () => {
    expect(isWaiting(alert)).toBe(true);
    expect(isWaiting({ ...alert, fired: { price: "1", at: 1 } })).toBe(false);
    expect(isWaiting({ ...alert, refused: "the watch holds at most 50 alerts" })).toBe(false);
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
