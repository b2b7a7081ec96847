import { describe, expect, it } from "vitest";
import { createActivityLog } from "./activity-log.js";

const never = new AbortController().signal;

describe("createActivityLog", () => {
  it("when a reader starts, then it replays the kept events oldest first, then gets new ones as they come", async () => {
    const log = createActivityLog(300);
    log.record("symbol_watched", "BTCUSD", "BTCUSD: first subscriber");
    log.record("page_opened", "BTCUSD", "BTCUSD: page opened");
    const reader = log.reader();
    expect((await reader.next(never, 1_000)).map((event) => event.sequence)).toEqual([1, 2]);
    const waiting = reader.next(never, 5_000);
    log.record("page_live", "BTCUSD", "BTCUSD: live");
    expect((await waiting).map((event) => [event.sequence, event.kind, event.count])).toEqual([[3, "page_live", 1]]);
  });

  it("when more than the capacity is recorded, then only the newest are kept and replayed", async () => {
    const log = createActivityLog(300);
    for (let i = 0; i < 305; i++) log.record("page_live", "BTCUSD", `event ${i}`);
    expect(log.recent()).toHaveLength(300);
    expect(log.recent()[0]!.sequence).toBe(6);
    const replay = await log.reader().next(never, 1_000);
    expect(replay).toHaveLength(300);
    expect(replay[0]!.kind).toBe("page_live");
  });

  it("when the ring laps a reader, then it skips ahead with one event saying how many it missed and never blocks recording", async () => {
    const log = createActivityLog(4);
    const reader = log.reader();
    for (let i = 1; i <= 10; i++) log.record("page_live", "BTCUSD", `event ${i}`);
    const batch = await reader.next(never, 1_000);
    expect(batch[0]).toMatchObject({ kind: "skipped", count: 6, sequence: 6, symbol: "" });
    expect(batch[0]!.message).toContain("6 events were skipped");
    expect(batch.slice(1).map((event) => event.sequence)).toEqual([7, 8, 9, 10]);
    log.record("page_closed", "BTCUSD", "closed");
    expect((await reader.next(never, 1_000)).map((event) => event.kind)).toEqual(["page_closed"]);
  });

  it("when a reader filters by symbol, then it gets only that symbol's events, and none for a symbol never seen", async () => {
    const log = createActivityLog(300);
    log.record("page_opened", "BTCUSD", "BTCUSD: page opened");
    log.record("page_opened", "ETHUSD", "ETHUSD: page opened");
    log.record("shutdown", "", "shutting down");
    expect((await log.reader("ETHUSD").next(never, 1_000)).map((event) => event.symbol)).toEqual(["ETHUSD"]);
    expect(await log.reader("NOPEUSD").next(never, 20)).toEqual([]);
  });

  it("when nothing happens for the idle time or the signal aborts, then next resolves empty at once, also for a signal that already aborted", async () => {
    const log = createActivityLog(300);
    const reader = log.reader();
    expect(await reader.next(never, 10)).toEqual([]);
    const controller = new AbortController();
    const waiting = reader.next(controller.signal, 60_000);
    controller.abort();
    expect(await waiting).toEqual([]);
    expect(await reader.next(controller.signal, 60_000)).toEqual([]);
  });
});
