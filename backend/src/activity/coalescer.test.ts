import { afterEach, describe, expect, it, vi } from "vitest";
import { createCoalescer } from "./coalescer.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("createCoalescer", () => {
  it("when a key repeats within the window, then the first is emitted at once and the repeats once at the window's end", () => {
    vi.useFakeTimers();
    const emitted: [string, number][] = [];
    const coalescer = createCoalescer(1_000, (key, count) => emitted.push([key, count]));
    coalescer.hit("a");
    coalescer.hit("a");
    coalescer.hit("a");
    coalescer.hit("b");
    expect(emitted).toEqual([["a", 1], ["b", 1]]);
    vi.advanceTimersByTime(1_000);
    expect(emitted).toEqual([["a", 1], ["b", 1], ["a", 2]]);
    vi.advanceTimersByTime(1_000);
    coalescer.hit("a");
    expect(emitted.at(-1)).toEqual(["a", 1]);
    coalescer.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
