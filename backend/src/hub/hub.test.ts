import { describe, expect, it } from "vitest";
import { configDefaults } from "../config-defaults.js";
import { silentLogger } from "../log.js";
import { parseSymbol } from "../symbols/symbol.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { createHub, type HubEvent, type Subscriber } from "./index.js";
import { SymbolLimitError } from "./errors.js";

const BTC = parseSymbol("BTCUSD");
const ETH = parseSymbol("ETHUSD");
const HISTORY = { maxPoints: configDefaults.historyMaxPoints, windowMs: configDefaults.historyWindowMs };

function setup(maxSymbols = 50): { source: FakeSource; hub: ReturnType<typeof createHub> } {
  const source = createFakeSource();
  return { source, hub: createHub({ source, maxSymbols, logger: silentLogger, history: HISTORY }) };
}

/** take reads what is pending now: the subscriber has no listener, so every event waits for it. */
const take = (subscriber: Subscriber): HubEvent[] => subscriber.takePending();

const prices = (events: HubEvent[]) =>
  events.flatMap((e) => (e.kind === "quote" ? [`${e.symbol}=${e.price}`] : []));
const states = (events: HubEvent[]) =>
  events.flatMap((e) => (e.kind === "state" ? [`${e.symbol}:${e.state}`] : []));

describe("hub", () => {
  it("when many subscribers hold one symbol, then one feed serves them all", () => {
    const { source, hub } = setup();
    const subs = Array.from({ length: 5 }, () => hub.subscribe());
    for (const sub of subs) sub.add([BTC]);
    expect(source.feeds).toHaveLength(1);
    source.open("BTCUSD")!.state("live");
    source.open("BTCUSD")!.emit("100.5");
    for (const sub of subs) expect(prices(take(sub))).toEqual(["BTCUSD=100.5"]);
    for (const sub of subs) sub.close();
    expect(source.openCount()).toBe(0);
    expect(hub.stats()).toEqual({ symbols: 0, openFeeds: 0, subscribers: 0 });
  });

  it("when a symbol is live, then a new subscriber gets the cached quote at once with no new feed", () => {
    const { source, hub } = setup();
    const first = hub.subscribe();
    first.add([BTC]);
    source.open("BTCUSD")!.state("live");
    source.open("BTCUSD")!.emit("97123.45");
    const second = hub.subscribe();
    second.add([BTC]);
    const events = take(second);
    expect(states(events)).toEqual(["BTCUSD:live"]);
    expect(prices(events)).toEqual(["BTCUSD=97123.45"]);
    expect(source.feeds).toHaveLength(1);
    first.close();
    second.close();
  });

  it("when the last subscriber leaves, then the feed closes and the cache is dropped", () => {
    const { source, hub } = setup();
    const sub = hub.subscribe();
    sub.add([BTC]);
    source.open("BTCUSD")!.emit("1");
    sub.remove([BTC]);
    expect(source.feeds[0]!.closed).toBe(true);
    const again = hub.subscribe();
    again.add([BTC]);
    expect(prices(take(again))).toEqual([]);
    expect(source.feeds).toHaveLength(2);
    again.close();
    expect(source.openCount()).toBe(0);
  });

  it("when a subscriber reads slowly, then it gets only the newest quote while a fast one sees each", () => {
    const { source, hub } = setup();
    const fast = hub.subscribe();
    const slow = hub.subscribe();
    fast.add([BTC, ETH]);
    slow.add([BTC, ETH]);
    take(fast);
    take(slow);
    const seen: string[] = [];
    for (let i = 1; i <= 100; i += 1) {
      source.open("BTCUSD")!.emit(String(i));
      seen.push(...prices(take(fast)));
    }
    source.open("ETHUSD")!.emit("7");
    expect(seen).toHaveLength(100);
    expect(prices(take(slow))).toEqual(["BTCUSD=100", "ETHUSD=7"]);
    fast.close();
    slow.close();
    expect(source.openCount()).toBe(0);
  });

  it("when a state follows a quote, then both arrive in the order they happened", () => {
    const { source, hub } = setup();
    const sub = hub.subscribe();
    sub.add([BTC]);
    take(sub);
    source.open("BTCUSD")!.state("live");
    source.open("BTCUSD")!.emit("5");
    source.open("BTCUSD")!.state("reconnecting", "page went silent");
    const events = take(sub);
    expect(events.map((e) => (e.kind === "quote" ? e.price : e.kind === "state" ? e.state : "history"))).toEqual(["5", "reconnecting"]);
    sub.close();
  });

  it("when the cap would be passed, then add throws SymbolLimitError and holds nothing new", () => {
    const { source, hub } = setup(2);
    const sub = hub.subscribe();
    sub.add([BTC]);
    const other = hub.subscribe();
    expect(() => other.add([ETH, parseSymbol("SOLUSD")])).toThrow(SymbolLimitError);
    expect(other.symbols()).toEqual([]);
    expect(source.feeds).toHaveLength(1);
    other.add([BTC, ETH]);
    expect(other.symbols()).toEqual(["BTCUSD", "ETHUSD"]);
    sub.close();
    other.close();
    expect(source.openCount()).toBe(0);
  });

  it("when a feed reports not_found, then its page is released and later subscribers see not_found", () => {
    const { source, hub } = setup();
    const sub = hub.subscribe();
    sub.add([BTC]);
    source.open("BTCUSD")!.state("not_found", "no such symbol");
    expect(states(take(sub))).toEqual(["BTCUSD:not_found"]);
    const late = hub.subscribe();
    late.add([BTC]);
    expect(states(take(late))).toEqual(["BTCUSD:not_found"]);
    expect(source.feeds).toHaveLength(1);
    expect(hub.stats().openFeeds).toBe(0);
    sub.close();
    late.close();
    expect(hub.stats().symbols).toBe(0);
  });

  it("when a feed failed, then a new subscriber retries it", () => {
    const { source, hub } = setup();
    const sub = hub.subscribe();
    sub.add([BTC]);
    source.open("BTCUSD")!.state("failed", "no price");
    const retry = hub.subscribe();
    retry.add([BTC]);
    expect(source.feeds).toHaveLength(2);
    expect(source.feeds[1]!.closed).toBe(false);
    expect(states(take(sub)).at(-1)).toBe("BTCUSD:loading");
    sub.close();
    retry.close();
    expect(source.openCount()).toBe(0);
  });

  it("when the hub closes, then a listening reader is told, finds nothing pending, and every feed closes", async () => {
    const { source, hub } = setup();
    const sub = hub.subscribe();
    sub.add([BTC, ETH]);
    take(sub);
    const heard: (HubEvent | undefined)[] = [];
    sub.listen((event) => (heard.push(event), true));
    await hub.close();
    expect(heard).toEqual([undefined]);
    expect(sub.closed).toBe(true);
    expect(sub.takePending()).toEqual([]);
    expect(source.openCount()).toBe(0);
    expect(() => hub.subscribe()).toThrow();
  });
});
