import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, needsKnownTicker, parseControlBody } from "./control-body.js";

function message(body: unknown): string {
  const parsed = parseControlBody(body);
  if (parsed.ok) throw new Error(`expected a failure for ${JSON.stringify(body)}`);
  return parsed.message;
}

describe("parseControlBody", () => {
  it("when every field is valid, then the command carries them all", () => {
    const body = {
      price: "97123.45",
      paused: true,
      silent: false,
      status: 404,
      delayMs: 250,
      withheld: true,
      rerender: true,
      reset: true,
      change: { open: "96000.00", rollover: false, value: "-0.45", percent: null, hidden: false, parenthesized: true },
    };
    expect(parseControlBody(body)).toEqual({ ok: true, command: body });
    // Pure: nothing to clean up.
  });

  it("when the body is not an object, then it says to send JSON", () => {
    for (const body of [undefined, null, "x", 5, []]) expect(message(body)).toMatch(/JSON object/);
  });

  it("when a field is unknown or the body is empty, then it names the fields", () => {
    expect(message({ prices: "1" })).toMatch(/unknown field "prices"; fields are price, status/);
    expect(message({})).toMatch(/sets nothing/);
  });

  it("when a value has the wrong type or range, then it says what is allowed", () => {
    expect(message({ price: 97123.45 })).toMatch(/price must be a non-negative decimal string/);
    expect(message({ price: "-1" })).toMatch(/price must be/);
    expect(message({ price: "97,123.45" })).toMatch(/price must be/);
    expect(message({ status: 302 })).toBe("status must be 200, 404 or 500");
    expect(message({ status: "404" })).toBe("status must be 200, 404 or 500");
    expect(message({ delayMs: -1 })).toMatch(/delayMs must be an integer/);
    expect(message({ delayMs: 1.5 })).toMatch(/delayMs/);
    expect(message({ delayMs: MAX_DELAY_MS + 1 })).toMatch(/delayMs/);
    expect(message({ paused: "yes" })).toBe("paused must be true or false");
    expect(message({ reset: 1 })).toBe("reset must be true or false");
  });

  it("when a command steers a price, then it needs a known ticker; page knobs do not", () => {
    expect(needsKnownTicker({ price: "1" })).toBe(true);
    expect(needsKnownTicker({ rerender: true })).toBe(true);
    expect(needsKnownTicker({ status: 500, delayMs: 10, reset: true, rerender: false })).toBe(false);
  });

  it("when the change steering is malformed, then the message names the field and what to send", () => {
    expect(message({ change: "x" })).toMatch(/^change: must be an object/);
    expect(message({ change: { opn: "1" } })).toMatch(/unknown field "opn"/);
    expect(message({ change: { open: "0" } })).toMatch(/open must be a positive decimal/);
    expect(message({ change: { value: "+1.5" } })).toMatch(/value must be a signed decimal/);
    expect(message({ change: { hidden: "yes" } })).toMatch(/hidden must be true or false/);
    expect(needsKnownTicker({ change: { hidden: true } })).toBe(true);
  });
});
