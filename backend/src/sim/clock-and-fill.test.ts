import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSinkRecorder } from "@crypto-stream/test-support/sink-recorder";
import { CLOCK_TICK_MS, clockPrice, clockTick } from "./clock-price.js";
import { createSimMarket } from "./create-sim-market.js";
import type { SimMarket } from "./sim-market.js";

const START = Date.UTC(2026, 10, 29, 22, 0, 0, 100);

describe("clock mode and fill delay", () => {
  let market: SimMarket;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    market = createSimMarket({ seed: 7, tickMs: 1_000, fillDelayMs: [0, 0] });
  });
  afterEach(() => {
    market.close();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it("when clock mode is on, then the price follows wall-clock time, one change per tick boundary", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("ETHUSD", sink);
    market.pause("ETHUSD", true);
    market.clock("ETHUSD", true);
    const tick = clockTick(START);
    expect(events.at(-1)).toBe(clockPrice(tick, 2));
    vi.advanceTimersByTime(CLOCK_TICK_MS * 4);
    expect(events.slice(-4)).toEqual([1, 2, 3, 4].map((n) => clockPrice(tick + n, 2)));
    expect(market.currentPrice("ETHUSD")).toBe(clockPrice(tick + 4, 2));
    market.clock("ETHUSD", false);
    vi.advanceTimersByTime(CLOCK_TICK_MS * 4);
    expect(events).toHaveLength(6);
  });

  it("when the clock's timer fires ticks late, then it shows the current tick and counts the ticks it jumped over", () => {
    const { events, sink } = createSinkRecorder();
    market.connect("ETHUSD", sink);
    market.pause("ETHUSD", true);
    market.clock("ETHUSD", true);
    vi.advanceTimersByTime(CLOCK_TICK_MS);
    expect(market.clockSkipped("ETHUSD")).toBe(0);
    // The loop is blocked: wall-clock time moves three ticks on while no timer runs.
    vi.setSystemTime(Date.now() + CLOCK_TICK_MS * 3);
    const shown = events.length;
    vi.advanceTimersToNextTimer();
    expect(events.length).toBe(shown + 1);
    expect(events.at(-1)).toBe(clockPrice(clockTick(Date.now() + CLOCK_TICK_MS / 2), 2));
    expect(market.clockSkipped("ETHUSD")).toBeGreaterThanOrEqual(2);
  });

  it("when a fill delay is set, then a new page gets its first price only after it, and later pushes too", () => {
    market.setFillDelay("SOLUSD", [300, 800]);
    market.clock("SOLUSD", true);
    const { events, sink } = createSinkRecorder();
    const disconnect = market.connect("SOLUSD", sink);
    expect(events).toEqual([]);
    expect(market.openConnections("SOLUSD")).toBe(1);
    vi.advanceTimersByTime(299);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(501);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(market.lastFillAtMs("SOLUSD")).toBeGreaterThanOrEqual(START + 300);
    disconnect();
    expect(market.openConnections("SOLUSD")).toBe(0);
  });

  it("when a page leaves during its fill delay, then it is never pushed and no timer is left", () => {
    market.setFillDelay("XRPUSD", [500, 500]);
    const { events, sink } = createSinkRecorder();
    const disconnect = market.connect("XRPUSD", sink);
    disconnect();
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual([]);
    expect(market.lastFillAtMs("XRPUSD")).toBeUndefined();
  });

  it("when reset or closed, then waiting pages are filled or ended and the delay is gone", () => {
    market.setFillDelay("ADAUSD", [600, 600]);
    const a = createSinkRecorder();
    market.connect("ADAUSD", a.sink);
    market.reset("ADAUSD");
    expect(a.events).toEqual(["0.8765"]);
    const b = createSinkRecorder();
    market.setFillDelay("ADAUSD", [600, 600]);
    market.connect("ADAUSD", b.sink);
    market.close();
    expect(b.events).toEqual(["end"]);
    expect(() => market.setFillDelay("ADAUSD", [5, 1])).toThrow(RangeError);
  });

  it("when a market is made without a fill delay, then each page waits 300-800 ms for its first price, and reset brings that back", () => {
    const slow = createSimMarket({ seed: 7, tickMs: 1_000 });
    const first = createSinkRecorder();
    slow.connect("DOTUSD", first.sink);
    vi.advanceTimersByTime(299);
    expect(first.events).toEqual([]);
    vi.advanceTimersByTime(501);
    expect(first.events).toEqual(["6.789"]);
    slow.setFillDelay("DOTUSD", [0, 0]);
    slow.reset("DOTUSD");
    const second = createSinkRecorder();
    slow.connect("DOTUSD", second.sink);
    expect(second.events).toEqual([]);
    slow.close();
    expect(() => createSimMarket({ fillDelayMs: [800, 300] })).toThrow(RangeError);
  });
});
