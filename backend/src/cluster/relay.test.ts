import { describe, expect, it } from "vitest";
import type { FeedSink } from "../hub/price-source.js";
import { Relay, TAKEOVER_DETAIL } from "./relay.js";
import { decodeMessage, encodeSnapshot, type Snapshot } from "./snapshot.js";

function setup() {
  const calls: string[] = [];
  let finals = 0;
  const sink: FeedSink = {
    observation: ({ price }) => calls.push(`quote ${price}`),
    state: (state, detail) => calls.push(detail ? `${state}: ${detail}` : state),
  };
  const relay = new Relay(sink, () => (finals += 1));
  return { relay, calls, finals: () => finals };
}

const at = new Date("2026-01-01T00:00:00Z");
const live = (price?: string, owner = "a"): Snapshot => ({ owner, state: "live", detail: "", ...(price ? { price, observedAt: at } : {}) });

describe("relay", () => {
  it("when the cache and the channel carry the same quote, or a new owner repeats the last price, then the sink gets it once", () => {
    const { relay, calls } = setup();
    relay.snapshot(live("1.5"));
    relay.message(live("1.5"));
    relay.message(live("1.5", "b"));
    relay.message(live("1.6", "b"));
    expect(calls).toEqual(["live", "quote 1.5", "quote 1.6"]);
  });

  it("when the channel spoke before the cache was read, then the older cache is ignored", () => {
    const { relay, calls } = setup();
    relay.message(live("2"));
    relay.snapshot(live("1"));
    expect(calls).toEqual(["live", "quote 2"]);
    expect(relay.wantsSnapshot).toBe(false);
    relay.resync();
    expect(relay.wantsSnapshot).toBe(true);
  });

  it("when a live feed starts loading again, then its sink is told reconnecting, then live", () => {
    const { relay, calls } = setup();
    relay.message(live("1"));
    relay.message({ owner: "b", state: "loading", detail: "" });
    relay.message(live("1", "b"));
    expect(calls).toEqual(["live", "quote 1", `reconnecting: ${TAKEOVER_DETAIL}`, "live"]);
  });

  it("when Redis is lost, then the sink is told reconnecting once, with why", () => {
    const { relay, calls } = setup();
    relay.trouble("Redis is unreachable");
    relay.trouble("Redis is unreachable");
    expect(calls).toEqual(["reconnecting: Redis is unreachable"]);
  });

  it("when the feed reaches a final state, then onFinal runs once and the sink hears nothing more", () => {
    const { relay, calls, finals } = setup();
    relay.message({ owner: "a", state: "not_found", detail: "no such symbol" });
    relay.message(live("3"));
    relay.trouble("Redis is unreachable");
    expect(calls).toEqual(["not_found: no such symbol"]);
    expect(finals()).toBe(1);
    expect(relay.closed).toBe(true);
  });

  it("when a message is malformed, then it decodes to nothing rather than a bad quote", () => {
    expect(decodeMessage("not json")).toBeUndefined();
    expect(decodeMessage(JSON.stringify({ owner: "a", state: "exploded" }))).toBeUndefined();
    const noPrice = decodeMessage(JSON.stringify({ owner: "a", state: "live", price: "1e9", at: 1 }));
    expect(noPrice).toEqual({ kind: "snapshot", snapshot: { owner: "a", state: "live", detail: "" } });
    expect(decodeMessage(encodeSnapshot(live("97123.45")))).toEqual({ kind: "snapshot", snapshot: live("97123.45") });
  });

  it("when the change moves without the price, then a quote carries it, through the channel's encoding", () => {
    const quotes: unknown[] = [];
    const relay = new Relay({ observation: (o) => quotes.push(o), state: () => undefined }, () => undefined);
    const through = (snapshot: Snapshot) => {
      const decoded = decodeMessage(encodeSnapshot(snapshot));
      if (decoded?.kind === "snapshot") relay.message(decoded.snapshot);
    };
    through({ ...live("100.00"), change: "5.00", changePercent: "5.26" });
    through({ ...live("100.00"), change: "5.00", changePercent: "5.26" });
    through({ ...live("100.00"), change: "0.00", changePercent: "0.00" });
    through({ ...live("100.01"), change: "bad", changePercent: "" });
    expect(quotes).toEqual([
      { price: "100.00", observedAt: at, change: "5.00", changePercent: "5.26" },
      { price: "100.00", observedAt: at, change: "0.00", changePercent: "0.00" },
      { price: "100.01", observedAt: at },
    ]);
  });
});
