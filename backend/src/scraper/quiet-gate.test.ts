import { afterEach, describe, expect, it, vi } from "vitest";
import { QuietGate } from "./quiet-gate.js";

describe("QuietGate", () => {
  afterEach(() => {
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it("when cold opens are under way, then quiet waits for the last to leave, and a second leave counts nothing", async () => {
    vi.useFakeTimers();
    const gate = new QuietGate();
    await gate.quiet(1_000);
    const first = gate.enter();
    const second = gate.enter();
    let quiet = false;
    void gate.quiet(5_000).then(() => (quiet = true));
    first();
    first();
    await vi.advanceTimersByTimeAsync(100);
    expect(quiet).toBe(false);
    expect(gate.cold).toBe(1);
    second();
    await vi.advanceTimersByTimeAsync(0);
    expect(quiet).toBe(true);
    expect(gate.cold).toBe(0);
  });

  it("when a cold open never ends, then quiet gives up waiting after maxWaitMs", async () => {
    vi.useFakeTimers();
    const gate = new QuietGate();
    const leave = gate.enter();
    let quiet = false;
    void gate.quiet(5_000).then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet).toBe(true);
    leave();
  });
});
