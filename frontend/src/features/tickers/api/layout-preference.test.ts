import { describe, expect, it, vi } from "vitest";
import { quietLogger as quiet, refusingStorage } from "../../../lib/testing/storage-doubles.js";
import { createLayoutPreference } from "./layout-preference.js";

describe("createLayoutPreference", () => {
  it("when compact is chosen, then listeners hear it and the next page starts compact", () => {
    const first = createLayoutPreference(localStorage, quiet);
    expect(first.isCompact()).toBe(false);
    const listener = vi.fn();
    const unsubscribe = first.subscribe(listener);
    first.setCompact(true);
    first.setCompact(true);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(createLayoutPreference(localStorage, quiet).isCompact()).toBe(true);

    first.setCompact(false);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(createLayoutPreference(localStorage, quiet).isCompact()).toBe(false);
  });

  it("when storage throws, then the layout still changes for this page", () => {
    const warn = vi.fn();
    const layout = createLayoutPreference(refusingStorage(), { ...quiet, warn });
    layout.setCompact(true);
    expect(layout.isCompact()).toBe(true);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
