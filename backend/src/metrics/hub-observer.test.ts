import { describe, expect, it } from "vitest";
import { createHubObserver, type FeedMetrics } from "./hub-observer.js";

function setup() {
  const seen = { quotes: 0, troubles: [] as string[], opened: [] as number[] };
  const metrics: FeedMetrics = {
    quoteObserved: () => void (seen.quotes += 1),
    feedTrouble: (kind) => void seen.troubles.push(kind),
    pageOpened: (seconds) => void seen.opened.push(seconds),
  };
  let clock = 0;
  const observer = createHubObserver(metrics, () => clock);
  return { seen, observer, advance: (ms: number) => void (clock += ms) };
}

describe("hub observer for metrics", () => {
  it("when a feed goes live, reconnects and goes live again, then only the first live is timed", () => {
    const { seen, observer, advance } = setup();
    observer.state("BINANCE:BTCUSD", "loading", "");
    advance(1500);
    observer.state("BINANCE:BTCUSD", "live", "");
    observer.observation("BINANCE:BTCUSD", { price: "1", observedAt: new Date() });
    observer.state("BINANCE:BTCUSD", "reconnecting", "page went silent");
    advance(9000);
    observer.state("BINANCE:BTCUSD", "live", "");
    expect(seen).toEqual({ quotes: 1, troubles: ["reconnecting"], opened: [1.5] });
  });

  it("when a feed reconnects before its first price, then the open time runs from the first loading", () => {
    const { seen, observer, advance } = setup();
    observer.state("BINANCE:ETHUSD", "loading", "");
    advance(1000);
    observer.state("BINANCE:ETHUSD", "reconnecting", "no price yet");
    advance(2000);
    observer.state("BINANCE:ETHUSD", "live", "");
    expect(seen.opened).toEqual([3]);
  });

  it("when a feed is released or ends before going live, then nothing is timed later", () => {
    const { seen, observer } = setup();
    observer.state("BINANCE:SOLUSD", "loading", "");
    observer.released("BINANCE:SOLUSD");
    observer.state("BINANCE:SOLUSD", "live", "");
    observer.state("BINANCE:NOPE", "loading", "");
    observer.state("BINANCE:NOPE", "not_found", "no such symbol");
    observer.state("BINANCE:NOPE", "live", "");
    expect(seen.opened).toEqual([]);
    expect(seen.troubles).toEqual(["not_found"]);
  });
});
