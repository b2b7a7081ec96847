import { afterEach, describe, expect, it, vi } from "vitest";
import { createClock } from "./clock.js";

describe("createClock", () => {
  afterEach(() => vi.useRealTimers());

  it("when listened to, then it ticks every interval; with nobody listening, no timer runs", () => {
    vi.useFakeTimers();
    let ms = 1_000;
    const clock = createClock(10_000, () => ms);
    const listener = vi.fn();
    const stop = clock.subscribe(listener);
    ms = 5_000;
    vi.advanceTimersByTime(10_000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBe(5_000);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
