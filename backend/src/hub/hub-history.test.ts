import { describe, expect, it } from "vitest";
import { configDefaults } from "../config-defaults.js";
import { silentLogger } from "../log.js";
import { parseSymbol } from "../symbols/symbol.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { createHub, type HistoryLimits, type HubEvent, type Subscriber } from "./index.js";

const BTC = parseSymbol("BTCUSD");

function setup(history: HistoryLimits = { maxPoints: configDefaults.historyMaxPoints, windowMs: configDefaults.historyWindowMs }): { source: FakeSource; hub: ReturnType<typeof createHub> } {
  const source = createFakeSource();
  return { source, hub: createHub({ source, maxSymbols: 50, logger: silentLogger, history }) };
}

/** take reads what is pending now: the subscriber has no listener, so every event waits for it. */
const take = (subscriber: Subscriber): HubEvent[] => subscriber.takePending();

/** shape writes events as "history:1,2", "quote:3" and "state:live". */
const shape = (events: HubEvent[]) =>
  events.map((e) => (e.kind === "history" ? `history:${e.quotes.map((q) => q.price).join(",")}` : e.kind === "quote" ? `quote:${e.price}` : e.kind === "state" ? `state:${e.state}` : `alert:${e.alertId}`));

const ago = (ms: number) => new Date(Date.now() - ms);

describe("hub history", () => {
  it("when a symbol has quotes, then a newcomer gets them once as history, then its live quotes; the first subscriber gets none", () => {
    const { source, hub } = setup();
    const first = hub.subscribe();
    first.add([BTC]);
    source.open("BTCUSD")!.state("live");
    for (const price of ["1", "2", "3"]) source.open("BTCUSD")!.emit(price);
    expect(shape(take(first))).toEqual(["state:live", "quote:3"]);

    const second = hub.subscribe();
    second.add([BTC]);
    expect(shape(take(second))).toEqual(["history:1,2,3", "state:live", "quote:3"]);
    source.open("BTCUSD")!.emit("4", new Date(), { change: "-0.45", changePercent: "-1.2" });
    const live = take(second);
    expect(shape(live)).toEqual(["quote:4"]);
    expect(live[0]).toMatchObject({ change: "-0.45", changePercent: "-1.2" });
    expect(shape(take(first))).toEqual(["quote:4"]);
    first.close();
    second.close();
    expect(source.openCount()).toBe(0);
  });

  it("when many quotes come before the newcomer reads, then live quotes conflate but its history is delivered", () => {
    const { source, hub } = setup();
    const first = hub.subscribe();
    first.add([BTC]);
    for (let i = 1; i <= 3; i += 1) source.open("BTCUSD")!.emit(String(i));
    const late = hub.subscribe();
    late.add([BTC]);
    for (let i = 4; i <= 50; i += 1) source.open("BTCUSD")!.emit(String(i));
    expect(shape(take(late))).toEqual(["history:1,2,3", "state:loading", "quote:50"]);
    first.close();
    late.close();
  });

  it("when more quotes came than the limit, or long ago, then the history holds only the recent ones", () => {
    const { source, hub } = setup({ maxPoints: 5, windowMs: 60_000 });
    const first = hub.subscribe();
    first.add([BTC]);
    for (let i = 1; i <= 12; i += 1) source.open("BTCUSD")!.emit(String(i), ago(130_000 - i * 10_000));
    // Quotes 1-6 are more than a minute old, and only five points are kept anyway.
    const newcomer = hub.subscribe();
    newcomer.add([BTC]);
    expect(shape(take(newcomer))[0]).toBe("history:8,9,10,11,12");
    first.close();
    newcomer.close();
  });

  it("when newcomers join while nothing changed, then they share one history event", () => {
    const { source, hub } = setup();
    const first = hub.subscribe();
    first.add([BTC]);
    source.open("BTCUSD")!.emit("1");
    const [a, b] = [hub.subscribe(), hub.subscribe()];
    a.add([BTC]);
    b.add([BTC]);
    expect((take(a))[0]).toBe((take(b))[0]);
    for (const sub of [first, a, b]) sub.close();
  });

  it("when a symbol has no quote yet, then a newcomer gets no history", () => {
    const { hub, source } = setup();
    const first = hub.subscribe();
    first.add([BTC]);
    const second = hub.subscribe();
    second.add([BTC]);
    expect(shape(take(second))).toEqual(["state:loading"]);
    source.open("BTCUSD")!.emit("1");
    expect(shape(take(second))).toEqual(["quote:1"]);
    first.close();
    second.close();
  });

  it("when the last subscriber leaves or the feed ends, then the history goes with the cache", () => {
    const { source, hub } = setup();
    const sub = hub.subscribe();
    sub.add([BTC]);
    source.open("BTCUSD")!.emit("1");
    sub.close();
    expect(source.openCount()).toBe(0);
    const again = hub.subscribe();
    again.add([BTC]);
    source.open("BTCUSD")!.emit("2");
    const newcomer = hub.subscribe();
    newcomer.add([BTC]);
    expect(shape(take(newcomer))).toEqual(["history:2", "state:loading", "quote:2"]);

    source.open("BTCUSD")!.state("failed", "no price");
    const late = hub.subscribe();
    late.add([BTC]); // retries the failed feed: a fresh page, so a fresh, empty history
    expect(shape(take(late))).toEqual(["state:loading"]);
    for (const s of [again, newcomer, late]) s.close();
    expect(source.openCount()).toBe(0);
    expect(hub.stats()).toEqual({ symbols: 0, openFeeds: 0, subscribers: 0 });
  });

  it("when history is turned off, then no history event is sent", () => {
    const { source, hub } = setup({ maxPoints: 0, windowMs: 60_000 });
    const first = hub.subscribe();
    first.add([BTC]);
    source.open("BTCUSD")!.emit("1");
    const second = hub.subscribe();
    second.add([BTC]);
    expect(shape(take(second))).toEqual(["state:loading", "quote:1"]);
    first.close();
    second.close();
  });
});
