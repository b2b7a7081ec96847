import { describe, expect, it } from "vitest";
import { OpenLimiter } from "./open-limiter.js";

describe("OpenLimiter", () => {
  it("when more opens than slots start, then the rest wait and go in order as slots free", async () => {
    const limiter = new OpenLimiter(2);
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
    const third = limiter.acquire().then((release) => (order.push(3), release));
    const fourth = limiter.acquire().then((release) => (order.push(4), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    releases[0]();
    releases[0](); // a second release of the same slot frees nothing more
    const releaseThird = await third;
    expect(order).toEqual([3]);
    expect(limiter.running()).toBe(2);
    releases[1]();
    const releaseFourth = await fourth;
    releaseThird();
    releaseFourth();
    expect(order).toEqual([3, 4]);
    expect(limiter.running()).toBe(0);
  });
});
