import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BackoffPolicy } from "./backoff.js";
import type { Logger } from "./log.js";
import { ReconnectLoop } from "./reconnect-loop.js";

const backoff: BackoffPolicy = { initialMs: 1_000, maxMs: 4_000, jitter: 0 };
const lost = new ConnectError("gone", Code.Unavailable);

function setup() {
  const open = vi.fn();
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const loop = new ReconnectLoop({ name: "stream", log, backoff, random: () => 0.5, open });
  return { loop, open, log };
}

describe("ReconnectLoop", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("when attempts keep failing, then each waits twice as long up to the cap, and a success resets it", () => {
    const { loop, open } = setup();
    loop.start();
    expect(open).toHaveBeenCalledTimes(1);
    const delays = [1, 2, 3, 4].map(() => {
      const next = loop.failed(lost);
      vi.runOnlyPendingTimers();
      return next.kind === "retrying" ? next.delayMs : undefined;
    });
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000]);
    expect(open).toHaveBeenCalledTimes(5);
    loop.succeeded();
    expect(loop.failed(lost)).toMatchObject({ kind: "retrying", delayMs: 1_000, failures: 1 });
    loop.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("when the server refuses the token, then no retry is scheduled until restart", () => {
    const { loop, open, log } = setup();
    loop.start();
    expect(loop.failed(new ConnectError("no token", Code.Unauthenticated))).toEqual({ kind: "locked" });
    expect(log.warn).toHaveBeenCalledWith("stream refused (Unauthenticated): waiting for an access token");
    expect(vi.getTimerCount()).toBe(0);
    loop.restart();
    expect(open).toHaveBeenCalledTimes(2);
    loop.stop();
  });

  it("when the browser comes back online during a wait, then the retry runs at once, once", () => {
    const { loop, open } = setup();
    loop.start();
    loop.failed(lost);
    globalThis.dispatchEvent(new Event("online"));
    expect(open).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
    globalThis.dispatchEvent(new Event("online"));
    expect(open).toHaveBeenCalledTimes(2);
    loop.stop();
  });

  it("when stopped during a wait, then the retry never runs and being online again opens nothing", () => {
    const { loop, open } = setup();
    loop.start();
    loop.failed(lost);
    loop.stop();
    expect(vi.getTimerCount()).toBe(0);
    globalThis.dispatchEvent(new Event("online"));
    vi.runAllTimers();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("when restarted during a wait, then the pending retry is replaced by one attempt counted as first", () => {
    const { loop, open } = setup();
    loop.start();
    loop.failed(lost);
    loop.failed(lost);
    loop.restart();
    vi.runAllTimers();
    expect(open).toHaveBeenCalledTimes(2);
    expect(loop.failed(lost)).toMatchObject({ kind: "retrying", delayMs: 1_000, failures: 1 });
    loop.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
