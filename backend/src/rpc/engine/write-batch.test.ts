import { afterEach, describe, expect, it, vi } from "vitest";
import { createWriteBatch, joinFrames, type Batched } from "./write-batch.js";

const stream = (): Batched & { writes: number } => {
  const s = { writes: 0, writeQueued: () => void (s.writes += 1) };
  return s;
};

describe("write batch", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("when streams are scheduled in one turn, then each writes once after the turn, with one callback for all", async () => {
    const batch = createWriteBatch(16);
    const a = stream();
    const b = stream();
    batch.schedule(a, false);
    batch.schedule(b, false);
    expect([a.writes, b.writes]).toEqual([0, 0]);
    await new Promise((resolve) => setImmediate(resolve));
    expect([a.writes, b.writes]).toEqual([1, 1]);
  });

  it("when a stream lingers, then it writes when the shared linger timer fires, not at the end of the turn", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setImmediate"] });
    const batch = createWriteBatch(16);
    const early = stream();
    const late = stream();
    batch.schedule(early, true);
    vi.advanceTimersByTime(10);
    batch.schedule(late, true);
    vi.runAllTicks();
    expect([early.writes, late.writes]).toEqual([0, 0]);
    vi.advanceTimersByTime(6);
    // One timer for the window: the stream that joined late goes out with the first, within 16 ms.
    expect([early.writes, late.writes]).toEqual([1, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("when linger is 0, then lingering streams write at the end of the turn like any other", async () => {
    const batch = createWriteBatch(0);
    const s = stream();
    batch.schedule(s, true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.writes).toBe(1);
  });

  it("when frames are joined, then one frame is passed through and several are concatenated in order", () => {
    const one = new Uint8Array([1, 2]);
    expect(joinFrames(one)).toBe(one);
    expect([...joinFrames([one, new Uint8Array([3])])]).toEqual([1, 2, 3]);
  });
});
