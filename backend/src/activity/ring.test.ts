import { describe, expect, it } from "vitest";
import { createRing } from "./ring.js";

describe("createRing", () => {
  it("when fewer items than its capacity are pushed, then it holds them all, oldest first", () => {
    const ring = createRing<number>(3);
    ring.push(1);
    ring.push(2);
    expect(ring.size).toBe(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.at(0)).toBe(1);
    expect(ring.at(2)).toBeUndefined();
  });

  it("when more items than its capacity are pushed, then it keeps only the newest, oldest first", () => {
    const ring = createRing<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect([ring.at(0), ring.at(1), ring.at(2), ring.at(3), ring.at(-1)]).toEqual([5, 6, 7, undefined, undefined]);
  });

  it("when the capacity is not a positive integer, then it refuses with RangeError", () => {
    expect(() => createRing(0)).toThrow(RangeError);
    expect(() => createRing(1.5)).toThrow(RangeError);
  });
});
