import { describe, expect, it } from "vitest";
import { decimalToString, parseDecimal, type Decimal } from "./decimal.js";
import { randomFor } from "./prng.js";
import { stepPrice } from "./random-walk.js";

function walk(start: string, tick: bigint, steps: number, seed = 7, ticker = "BTCUSD"): Decimal[] {
  const random = randomFor(seed, ticker);
  let price = parseDecimal(start);
  if (!price) throw new Error(`bad start ${start}`);
  const out: Decimal[] = [];
  for (let i = 0; i < steps; i++) out.push((price = stepPrice(price, tick, random)));
  return out;
}

describe("stepPrice", () => {
  it("when seeded the same, then the walk is the same", () => {
    const a = walk("97123.45", 1n, 200).map(decimalToString);
    const b = walk("97123.45", 1n, 200).map(decimalToString);
    expect(a).toEqual(b);
    // Pure: nothing to clean up.
  });

  it("when the seed or the ticker differs, then the walk differs", () => {
    const base = walk("97123.45", 1n, 20).map(decimalToString);
    expect(walk("97123.45", 1n, 20, 8).map(decimalToString)).not.toEqual(base);
    expect(walk("97123.45", 1n, 20, 7, "ETHUSD").map(decimalToString)).not.toEqual(base);
  });

  it("when stepped, then every price moves by whole ticks and keeps its scale", () => {
    let previous = parseDecimal("0.00001234");
    for (const price of walk("0.00001234", 1n, 500, 3, "SHIBUSDT")) {
      expect(price.scale).toBe(8);
      expect(price.units).not.toBe(previous?.units);
      previous = price;
    }
    // A price set with more digits than the tick walks in ticks of 0.01 at scale 3.
    for (const price of walk("97123.456", 10n, 500)) {
      expect(price.scale).toBe(3);
      expect((price.units - 6n) % 10n).toBe(0n);
    }
  });

  it("when a price sits near zero, then it stays positive", () => {
    for (const price of walk("0.00000001", 1n, 2000, 11, "PEPEUSDT")) {
      expect(price.units).toBeGreaterThanOrEqual(1n);
    }
    for (const price of walk("0.00", 1n, 100, 5, "BTCUSD")) {
      expect(price.units).toBeGreaterThanOrEqual(1n);
    }
  });

  it("when BTC walks for an hour of ticks, then it stays plausible", () => {
    const prices = walk("97123.45", 1n, 3600).map((p) => Number(decimalToString(p)));
    expect(Math.min(...prices)).toBeGreaterThan(60_000);
    expect(Math.max(...prices)).toBeLessThan(140_000);
  });
});
