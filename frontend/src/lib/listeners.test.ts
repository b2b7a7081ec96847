import { describe, expect, it, vi } from "vitest";
import { createFollower, createListeners } from "./listeners.js";

describe("createListeners", () => {
  it("when the first listener comes, then the work starts, and when the last leaves, it stops", () => {
    const start = vi.fn();
    const stop = vi.fn();
    const listeners = createListeners(start, stop);
    const a = vi.fn();
    const leaveA = listeners.subscribe(a);
    const leaveB = listeners.subscribe(vi.fn());
    expect(start).toHaveBeenCalledTimes(1);
    leaveA();
    leaveA();
    expect(stop).not.toHaveBeenCalled();
    leaveB();
    expect(stop).toHaveBeenCalledTimes(1);
    listeners.notify();
    expect(a).not.toHaveBeenCalled();
  });

  it("when the same function subscribes twice, then it is called twice and needs two removals", () => {
    const stop = vi.fn();
    const listeners = createListeners(vi.fn(), stop);
    const listener = vi.fn();
    const first = listeners.subscribe(listener);
    const second = listeners.subscribe(listener);
    listeners.notify();
    expect(listener).toHaveBeenCalledTimes(2);
    first();
    expect(stop).not.toHaveBeenCalled();
    second();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});

describe("createFollower", () => {
  it("when started, then it follows the changes until stopped, and stopping twice is harmless", () => {
    const heard = new Set<() => void>();
    const onChange = vi.fn();
    const follower = createFollower((listener) => {
      heard.add(listener);
      return () => void heard.delete(listener);
    }, onChange);
    follower.start();
    for (const listener of heard) listener();
    expect(onChange).toHaveBeenCalledTimes(1);
    follower.stop();
    follower.stop();
    expect(heard.size).toBe(0);
  });
});
