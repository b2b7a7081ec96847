import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSinkRecorder } from "@crypto-stream/test-support/sink-recorder";
import { createLogger } from "../log.js";
import { createSimMarket } from "./create-sim-market.js";
import { UnknownTickerError, type SimMarket } from "./sim-market.js";

describe("createSimMarket", () => {
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

  it("when nobody watches, then no timer runs and the price stands still", () => {
    const start = market.currentPrice("BTCUSD");
    vi.advanceTimersByTime(1000);
    expect(start).toBe("97123.45");
    expect(market.currentPrice("BTCUSD")).toBe(start);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("when a connection opens, then it gets the price at once and a step each tick until it closes", () => {
    const { events, sink } = createSinkRecorder();
    const disconnect = market.connect("btcusd", sink);
    expect(events).toEqual(["97123.45"]);
    expect(market.openConnections("BTCUSD")).toBe(1);
    vi.advanceTimersByTime(300);
    expect(events).toHaveLength(4);
    expect(new Set(events).size).toBe(4);
    disconnect();
    disconnect();
    expect(market.openConnections("BTCUSD")).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("when two markets share a seed, then their walks match", () => {
    const other = createSimMarket({ seed: 42, tickMs: 100, fillDelayMs: [0, 0] });
    const a = createSinkRecorder();
    const b = createSinkRecorder();
    market.connect("ETHUSD", a.sink);
    other.connect("ETHUSD", b.sink);
    vi.advanceTimersByTime(1000);
    other.close();
    expect(a.events).toHaveLength(11);
    expect(b.events).toEqual([...a.events, "end"]);
  });

  it("when setPrice is called, then exactly that price is pushed and the walk goes on from it", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("BTCUSD", sink);
    market.setPrice("BTCUSD", "97123.456");
    expect(events.at(-1)).toBe("97123.456");
    vi.advanceTimersByTime(100);
    expect(events.at(-1)).toMatch(/^\d+\.\d{2}6$/);
    expect(() => market.setPrice("BTCUSD", "1e3")).toThrow(RangeError);
    expect(() => market.setPrice("NOPEUSD", "1")).toThrow(UnknownTickerError);
  });

  it("when paused, then the walk stops but setPrice still pushes", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("SOLUSD", sink);
    market.pause("SOLUSD", true);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(500);
    market.setPrice("SOLUSD", "200.00");
    expect(events).toEqual(["187.65", "200.00"]);
    market.pause("SOLUSD", false);
    vi.advanceTimersByTime(100);
    expect(events).toHaveLength(3);
  });

  it("when silenced, then nothing is pushed, not even setPrice, and un-silencing pushes the price now", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("XRPUSD", sink);
    market.silence("XRPUSD", true);
    market.setPrice("XRPUSD", "3.0000");
    vi.advanceTimersByTime(500);
    expect(events).toEqual(["2.3456"]);
    expect(market.openConnections("XRPUSD")).toBe(1);
    market.silence("XRPUSD", false);
    expect(events.at(-1)).toBe(market.currentPrice("XRPUSD"));
  });

  it("when the price is withheld, then the page is cleared and nothing fills it until released", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("ADAUSD", sink);
    market.pause("ADAUSD", true);
    market.withholdPrice("ADAUSD", true);
    market.setPrice("ADAUSD", "1.0000");
    const late = createSinkRecorder();
    market.connect("ADAUSD", late.sink);
    expect(events).toEqual(["0.8765", "clear"]);
    expect(late.events).toEqual([]);
    market.withholdPrice("ADAUSD", false);
    expect(events.at(-1)).toBe("1.0000");
  });

  it("when rerender or reset is asked, then open pages hear it and the start comes back", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("DOGEUSD", sink);
    market.rerender("DOGEUSD");
    market.setPrice("DOGEUSD", "1.00000");
    market.respondWith("DOGEUSD", 500);
    market.reset("DOGEUSD");
    expect(events).toEqual(["0.23456", "rerender", "1.00000", "0.23456"]);
    expect(market.planPage("DOGEUSD").status).toBe(200);
  });

  it("when a ticker is unknown, then its page is 404 unless steered and it cannot connect", () => {
    expect(market.isKnown("NOPEUSD")).toBe(false);
    expect(market.currentPrice("NOPEUSD")).toBeUndefined();
    expect(market.planPage("NOPEUSD")).toMatchObject({ status: 404, spec: undefined });
    market.respondWith("NOPEUSD", 500);
    expect(market.planPage("NOPEUSD").status).toBe(500);
    market.respondWith("BTCUSD", 404);
    expect(market.planPage("BTCUSD").status).toBe(404);
    expect(() => market.connect("NOPEUSD", createSinkRecorder().sink)).toThrow(UnknownTickerError);
    expect(market.totalOpenConnections()).toBe(0);
  });

  it("when closed, then every connection ends, no timer is left and later connections end at once", () => {
    const lines: string[] = [];
    const logged = createSimMarket({ tickMs: 100, logger: createLogger({ level: "debug", sink: (l) => lines.push(l) }) });
    const a = createSinkRecorder();
    const b = createSinkRecorder();
    logged.connect("BTCUSD", a.sink);
    logged.connect("ETHUSDT", b.sink);
    expect(logged.totalOpenConnections()).toBe(2);
    logged.close();
    logged.close();
    expect(a.events.at(-1)).toBe("end");
    expect(b.events.at(-1)).toBe("end");
    expect(logged.totalOpenConnections()).toBe(0);
    expect(logged.signal.aborted).toBe(true);
    const late = createSinkRecorder();
    logged.connect("BTCUSD", late.sink);
    expect(late.events).toEqual(["end"]);
    expect(lines.some((l) => l.includes('"sim.connected"'))).toBe(true);
  });
});

describe("catalog", () => {
  it("when asked for the common pairs, then they are known with fitting tick sizes", () => {
    const market = createSimMarket();
    for (const t of ["BTCUSD", "BTCUSDT", "ETHUSD", "SOLUSD", "XRPUSD", "ADAUSD", "DOGEUSD",
      "LINKUSD", "AAVEUSD", "DOTUSD", "LTCUSD", "AVAXUSD", "SHIBUSDT", "PEPEUSDT"]) {
      expect(market.isKnown(t), t).toBe(true);
    }
    expect(market.currentPrice("SHIBUSDT")).toMatch(/^0\.\d{8}$/);
    expect(market.currentPrice("BTCUSDT")).toMatch(/^\d+\.\d{2}$/);
    market.close();
  });
});
