import { describe, expect, it } from "vitest";
import { PriceGate } from "./price-gate.js";

const shown = (change: string | null, changePercent: string | null) => ({ change, changePercent });

describe("PriceGate", () => {
  it("when the same price is reported twice, then it is sent once, after live", () => {
    const gate = new PriceGate();
    expect(gate.offer("97,123.45", "selector")).toEqual({ live: true, quote: { price: "97123.45" } });
    expect(gate.offer("97123.45", "selector")).toEqual({ live: false, quote: null });
    expect(gate.offer("97,123.46", "selector")).toEqual({ live: false, quote: { price: "97123.46" } });
  });
  it("when a reload shows the price sent before it, then live is sent again but not the price", () => {
    const gate = new PriceGate();
    gate.offer("1.5", "selector");
    gate.interrupted();
    expect(gate.isLive()).toBe(false);
    expect(gate.offer("1.5", "selector")).toEqual({ live: true, quote: null });
    expect(gate.offer("1.6", "selector")).toEqual({ live: false, quote: { price: "1.6" } });
  });
  it("when the first value comes from the fallback, then nothing is sent until a selector value", () => {
    const gate = new PriceGate();
    expect(gate.offer("100", "fallback")).toMatchObject({ quote: null, ignored: "fallback_first" });
    expect(gate.isLive()).toBe(false);
    expect(gate.offer("101", "selector")).toEqual({ live: true, quote: { price: "101" } });
    expect(gate.offer("102", "fallback")).toEqual({ live: false, quote: { price: "102" } });
  });
  it("when the text is not a price, then nothing is sent and live is not announced", () => {
    const gate = new PriceGate();
    expect(gate.offer("\u2014", "selector", shown("+1.00", "+1.00%"))).toMatchObject({ live: false, ignored: "unparsable" });
    expect(gate.isLive()).toBe(false);
  });
  it("when a change is shown beside the price, then the quote carries it parsed", () => {
    const gate = new PriceGate();
    expect(gate.offer("97,123.45", "selector", shown("\u22121,234.56", "(\u22121.25%)")).quote).toEqual({
      price: "97123.45",
      change: "-1234.56",
      changePercent: "-1.25",
    });
  });
  it("when the change moves without the price (the daily rollover), then a quote is sent", () => {
    const gate = new PriceGate();
    gate.offer("100.00", "selector", shown("+5.00", "+5.26%"));
    expect(gate.offer("100.00", "selector", shown("+0.00", "+5.26%")).quote).toEqual({
      price: "100.00",
      change: "0.00",
      changePercent: "5.26",
    });
    expect(gate.offer("100.00", "selector", shown("+0.00", "+0.00%")).quote).toMatchObject({ changePercent: "0.00" });
    expect(gate.offer("100.00", "selector", shown("+0.00", "+0.00%")).quote).toBeNull();
  });
  it("when the change is missing or unreadable, then the price is sent at once without it and nothing repeats", () => {
    const gate = new PriceGate();
    expect(gate.offer("100.00", "selector", shown(null, null)).quote).toEqual({ price: "100.00" });
    expect(gate.offer("100.01", "selector", shown("", "\u2014")).quote).toEqual({ price: "100.01" });
    expect(gate.offer("100.01", "selector", shown("+0.01", null)).quote).toEqual({ price: "100.01", change: "0.01" });
    // A change that vanishes while the price stands still is not news: nothing is sent.
    expect(gate.offer("100.01", "selector", shown(null, null)).quote).toBeNull();
    expect(gate.offer("100.01", "selector", shown("+0.01", null)).quote).toBeNull();
    expect(gate.offer("100.02", "selector", shown(null, "+0.02%")).quote).toEqual({ price: "100.02", changePercent: "0.02" });
  });
});
