import { afterEach, describe, expect, it, vi } from "vitest";
import { consoleLogger } from "./log.js";

describe("consoleLogger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("when an event is logged, then it is one prefixed line at its level", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    consoleLogger.info("connected: watching 3 symbols");
    consoleLogger.warn("stream lost");
    consoleLogger.error("XRPUSD rejected: cap reached");
    expect(info).toHaveBeenCalledWith("[crypto-stream] connected: watching 3 symbols");
    expect(warn).toHaveBeenCalledWith("[crypto-stream] stream lost");
    expect(error).toHaveBeenCalledWith("[crypto-stream] XRPUSD rejected: cap reached");
  });
});
