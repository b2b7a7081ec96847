import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useAnnouncements } from "./use-announcements.js";

const describeChange = (before: number, now: number) => (now === 0 ? undefined : `${before} to ${now}.`);

describe("useAnnouncements", () => {
  it("when the value changes, then each change is said once, the first value never, the newest `keep` kept", () => {
    const { result, rerender, unmount } = renderHook(({ value }) => useAnnouncements(value, describeChange, 2), {
      initialProps: { value: 1 },
    });
    expect(result.current).toEqual([]);

    rerender({ value: 1 });
    expect(result.current).toEqual([]);
    rerender({ value: 2 });
    rerender({ value: 0 });
    rerender({ value: 3 });
    rerender({ value: 4 });
    expect(result.current.map((a) => a.text)).toEqual(["0 to 3.", "3 to 4."]);
    expect(new Set(result.current.map((a) => a.id)).size).toBe(2);

    unmount();
  });
});
