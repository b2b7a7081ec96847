import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSinkRecorder } from "@crypto-stream/test-support/sink-recorder";
import { CATALOG } from "./catalog.js";
import { createSimMarket } from "./create-sim-market.js";
import type { SimMarket } from "./sim-market.js";
import { simSymbol, startPrice } from "./sim-symbol.js";

describe("simSymbol and startPrice", () => {
  it("when a symbol is bare, then it is BINANCE's; any case and padding reads the same", () => {
    expect(simSymbol(" ethusd ")).toEqual({ key: "BINANCE:ETHUSD", exchange: "BINANCE", ticker: "ETHUSD" });
    expect(simSymbol("coinbase:EthUsd")).toEqual({ key: "COINBASE:ETHUSD", exchange: "COINBASE", ticker: "ETHUSD" });
  });

  it("when a pair starts on another exchange, then its level is its own, within 0.3 % of BINANCE's, at the pair's decimals", () => {
    for (const spec of CATALOG.values()) {
      expect(startPrice(spec, "BINANCE")).toBe(spec.start);
      for (const exchange of ["COINBASE", "KRAKEN", "BITSTAMP", "OKX"]) {
        const level = startPrice(spec, exchange);
        expect(level, `${exchange}:${spec.ticker}`).not.toBe(spec.start);
        expect(level.split(".")[1]?.length ?? 0).toBe(spec.decimals);
        const ratio = Number(level) / Number(spec.start);
        // The cheapest coins move by one tick, which can be more than 0.3 % of a few units.
        if (Number(spec.start.replace(".", "")) >= 1_000) expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(0.003);
        expect(startPrice(spec, exchange)).toBe(level);
      }
    }
  });
});

describe("a market per exchange", () => {
  let market: SimMarket;
  beforeEach(() => {
    vi.useFakeTimers();
    market = createSimMarket({ seed: 42, tickMs: 100, fillDelayMs: [0, 0] });
  });
  afterEach(() => {
    market.close();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it("when ETHUSD and COINBASE:ETHUSD are watched, then their prices, changes and walks differ; BINANCE:ETHUSD is ETHUSD", () => {
    expect(market.currentPrice("BINANCE:ETHUSD")).toBe("3456.78");
    expect(market.currentPrice("ETHUSD")).toBe("3456.78");
    expect(market.currentPrice("COINBASE:ETHUSD")).not.toBe("3456.78");
    expect(market.currentChange("COINBASE:ETHUSD")).not.toEqual(market.currentChange("ETHUSD"));
    const binance = createSinkRecorder();
    const coinbase = createSinkRecorder();
    const stopBinance = market.connect("ETHUSD", binance.sink);
    const stopCoinbase = market.connect("coinbase:ethusd", coinbase.sink);
    vi.advanceTimersByTime(1_000);
    expect(binance.events).toHaveLength(11);
    expect(coinbase.events).toHaveLength(11);
    expect(binance.events.filter((price, i) => price === coinbase.events[i])).toEqual([]);
    const steps = (events: readonly string[]) => events.slice(1).map((price, i) => Number(price) - Number(events[i]));
    expect(steps(coinbase.events)).not.toEqual(steps(binance.events));

    // Steering one exchange's market leaves the other's alone.
    market.setPrice("COINBASE:ETHUSD", "3500.00");
    expect(coinbase.events.at(-1)).toBe("3500.00");
    expect(binance.events.at(-1)).not.toBe("3500.00");
    expect(market.openConnections("BINANCE:ETHUSD")).toBe(1);
    expect(market.openConnections("COINBASE:ETHUSD")).toBe(1);
    stopBinance();
    stopCoinbase();
    expect(market.totalOpenConnections()).toBe(0);
  });

  it("when an exchange name is not plausible, then the ticker is not known there", () => {
    expect(market.isKnown("COINBASE:ETHUSD")).toBe(true);
    expect(market.isKnown("COIN BASE:ETHUSD")).toBe(false);
    expect(market.isKnown("9X:ETHUSD")).toBe(false);
    expect(market.isKnown("COINBASE:NOPEUSD")).toBe(false);
  });
});
