import { describe, expect, it } from "vitest";
import type { QuoteEvent } from "./events.js";
import { QuoteHistory } from "./quote-history.js";

const NOW = Date.parse("2026-01-01T12:00:00Z");
const quote = (price: number, agoMs = 0): QuoteEvent => ({
  kind: "quote",
  symbol: "BTCUSD",
  price: String(price),
  observedAt: new Date(NOW - agoMs),
});
const prices = (quotes: readonly QuoteEvent[]) => quotes.map((q) => q.price);

describe("QuoteHistory", () => {
  it("when more quotes arrive than it holds, then it keeps the newest, oldest first", () => {
    const history = new QuoteHistory({ maxPoints: 3, windowMs: 60_000 });
    for (let i = 1; i <= 7; i += 1) history.push(quote(i));
    expect(prices(history.recent(NOW))).toEqual(["5", "6", "7"]);
    expect(history.size).toBe(3);
  });

  it("when quotes age out of the window, then they are let go, but never the newest", () => {
    const history = new QuoteHistory({ maxPoints: 10, windowMs: 60_000 });
    for (const [price, ago] of [[1, 120_000], [2, 61_000], [3, 59_000], [4, 1_000]] as const) history.push(quote(price, ago));
    expect(prices(history.recent(NOW))).toEqual(["3", "4"]);
    expect(history.size).toBe(2);
    expect(prices(history.recent(NOW + 3_600_000))).toEqual(["4"]);
    expect(history.size).toBe(1);
  });

  it("when nothing changed, then the same array comes back, and a push makes a new one", () => {
    const history = new QuoteHistory({ maxPoints: 2, windowMs: 60_000 });
    history.push(quote(1));
    const first = history.recent(NOW);
    expect(history.recent(NOW + 1)).toBe(first);
    history.push(quote(2));
    expect(history.recent(NOW)).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("when it may hold no points, then it holds nothing", () => {
    const history = new QuoteHistory({ maxPoints: 0, windowMs: 60_000 });
    history.push(quote(1));
    expect(history.recent(NOW)).toEqual([]);
  });
});
