import { describe, expect, it } from "vitest";
import { PriceGate } from "./price-gate.js";

describe("PriceGate", () => {
  it("when the same price is reported twice, then it is sent once, after live", () => {
    const gate = new PriceGate();
    expect(gate.offer("97,123.45", "selector")).toEqual({ live: true, price: "97123.45" });
    expect(gate.offer("97123.45", "selector")).toEqual({ live: false, price: null });
    expect(gate.offer("97,123.46", "selector")).toEqual({ live: false, price: "97123.46" });
  });
  it("when a reload shows the price sent before it, then live is sent again but not the price", () => {
    const gate = new PriceGate();
    gate.offer("1.5", "selector");
    gate.interrupted();
    expect(gate.isLive()).toBe(false);
    expect(gate.offer("1.5", "selector")).toEqual({ live: true, price: null });
    expect(gate.offer("1.6", "selector")).toEqual({ live: false, price: "1.6" });
  });
  it("when the first value comes from the fallback, then nothing is sent until a selector value", () => {
    const gate = new PriceGate();
    expect(gate.offer("100", "fallback")).toMatchObject({ price: null, ignored: "fallback_first" });
    expect(gate.isLive()).toBe(false);
    expect(gate.offer("101", "selector")).toEqual({ live: true, price: "101" });
    expect(gate.offer("102", "fallback")).toEqual({ live: false, price: "102" });
  });
  it("when the text is not a price, then nothing is sent and live is not announced", () => {
    const gate = new PriceGate();
    expect(gate.offer("\u2014", "selector")).toMatchObject({ live: false, ignored: "unparsable" });
    expect(gate.isLive()).toBe(false);
  });
});
