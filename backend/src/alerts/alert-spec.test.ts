import { describe, expect, it } from "vitest";
import { AlertInputError, checkAlert, type AlertInput } from "./alert-spec.js";

const base: AlertInput = { symbol: "BTCUSD", condition: { kind: "cross", direction: "above", level: "100" }, repeat: false, cooldownSeconds: 0 };

function refusal(input: Partial<AlertInput>): string {
  try {
    checkAlert({ ...base, ...input });
  } catch (error) {
    expect(error).toBeInstanceOf(AlertInputError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("checkAlert", () => {
  it("when a level is a plain positive decimal, then it is kept normalised", () => {
    const spec = checkAlert({ ...base, condition: { kind: "cross", direction: "below", level: "+097000.50" } });
    expect(spec.condition).toEqual({ kind: "cross", direction: "below", level: "97000.5" });
  });

  it.each([
    ["", /not a plain decimal/],
    ["1e5", /not a plain decimal/],
    ["97,000", /not a plain decimal/],
    ["-5", /not a plain decimal/],
    ["NaN", /not a plain decimal/],
    ["0.000", /above zero/],
    ["1".repeat(40), /at most 32/],
  ])("when the level is %j, then it is refused: %s", (level, message) => {
    expect(refusal({ condition: { kind: "cross", direction: "above", level } })).toMatch(message);
  });

  it("when the condition or its direction is missing, then the message names what to set", () => {
    expect(refusal({ condition: undefined })).toMatch(/set `cross`.*or `move`/);
    expect(refusal({ condition: { kind: "cross", direction: undefined, level: "1" } })).toMatch(/ABOVE or BELOW/);
    expect(refusal({ condition: { kind: "move", direction: undefined, percent: "1", windowMinutes: 5 } })).toMatch(/UP, DOWN or EITHER/);
  });

  it("when a move is out of bounds, then it is refused with the bound", () => {
    const moveOf = (percent: string, windowMinutes: number, direction: "up" | "down" = "up") => ({
      condition: { kind: "move" as const, direction, percent, windowMinutes },
    });
    expect(refusal(moveOf("1000.01", 5))).toMatch(/at most 1000/);
    expect(refusal(moveOf("100", 5, "down"))).toMatch(/under 100 percent/);
    expect(refusal(moveOf("5", 0))).toMatch(/1 to 1440/);
    expect(refusal(moveOf("5", 1441))).toMatch(/1 to 1440/);
  });

  it("when repeat and cooldown disagree, then it is refused", () => {
    expect(refusal({ repeat: true, cooldownSeconds: 0 })).toMatch(/1 to 86400/);
    expect(refusal({ repeat: false, cooldownSeconds: 30 })).toMatch(/set repeat, or leave cooldown_seconds 0/);
    expect(checkAlert({ ...base, repeat: true, cooldownSeconds: 30 }).cooldownSeconds).toBe(30);
  });
});
