import { describe, expect, it } from "vitest";
import type { ActivityRow } from "../model/activity.js";
import { ACTIVITY_CAP, ActivityFeed } from "./activity-feed.js";

const row = (n: number): ActivityRow => ({
  key: `${n}@${n * 1000}`,
  occurredAtMs: n * 1000,
  kind: "page-opened",
  symbol: "BTCUSD",
  message: `event ${n}`,
});
const numbers = (feed: ActivityFeed) => feed.view.rows.map((r) => Number(r.key.split("@")[0]));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("ActivityFeed", () => {
  it("when events arrive, then the newest is first and no more than 300 are kept", () => {
    const feed = new ActivityFeed();
    for (const n of range(1, 305)) feed.add(row(n));
    expect(ACTIVITY_CAP).toBe(300);
    expect(feed.view.rows).toHaveLength(300);
    expect(numbers(feed)).toEqual(range(6, 305).reverse());
  });

  it("when an event comes again, as in a replay after a reconnect, then it is ignored", () => {
    const feed = new ActivityFeed(5);
    for (const n of [1, 2, 3]) feed.add(row(n));
    const before = feed.view;
    expect(feed.add(row(2))).toBe(false);
    expect(feed.view).toBe(before);
    // A restarted server counts from 1 again: same sequence, another time, another event.
    expect(feed.add({ ...row(1), key: "1@99000" })).toBe(true);
    expect(feed.view.rows.map((r) => r.key)).toEqual(["1@99000", "3@3000", "2@2000", "1@1000"]);
  });

  it("when paused, then new events are held and counted, and resume shows them on top", () => {
    const feed = new ActivityFeed(5);
    for (const n of [1, 2]) feed.add(row(n));
    feed.pause();
    for (const n of [3, 4, 5]) feed.add(row(n));
    expect(numbers(feed)).toEqual([2, 1]);
    expect(feed.view).toMatchObject({ paused: true, waiting: 3, held: 3 });

    feed.resume();
    expect(numbers(feed)).toEqual([5, 4, 3, 2, 1]);
    expect(feed.view).toMatchObject({ paused: false, waiting: 0, held: 0 });
    feed.add(row(6));
    expect(numbers(feed)).toEqual([6, 5, 4, 3, 2]);
  });

  it("when more events wait than the cap, then the newest are held and all are counted", () => {
    const feed = new ActivityFeed(300);
    feed.add(row(1));
    feed.pause();
    for (const n of range(2, 351)) feed.add(row(n));
    expect(feed.view).toMatchObject({ waiting: 350, held: 300 });
    expect(numbers(feed)).toEqual([1]);
    feed.resume();
    expect(numbers(feed)).toEqual(range(52, 351).reverse());
    // What fell off may come back in a replay; what is shown is never taken twice.
    expect(feed.add(row(351))).toBe(false);
  });

  it("when cleared, then it forgets every event and the pause", () => {
    const feed = new ActivityFeed(5);
    feed.add(row(1));
    feed.pause();
    feed.add(row(2));
    feed.clear();
    expect(feed.view).toEqual({ rows: [], paused: false, waiting: 0, held: 0 });
    expect(feed.add(row(1))).toBe(true);
  });
});
