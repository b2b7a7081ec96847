import { useEffect, useLayoutEffect, useRef, useState } from "react";

/** Announcement is one sentence for a live region; `id` keys it. */
export interface Announcement {
  readonly id: number;
  readonly text: string;
}

/**
 * useAnnouncements turns changes of `value` into sentences for a polite live region. On each
 * change after the first render, `describe(before, now)` says what happened, or undefined for
 * nothing worth saying. Each sentence is appended rather than replacing the last, so quick
 * successive changes are all read; the newest `keep` stay. The value the page starts with is not
 * said, only what changes while the person is there. `describe` may change between renders.
 */
export function useAnnouncements<T>(
  value: T,
  describe: (before: T, now: T) => string | undefined,
  keep: number,
): readonly Announcement[] {
  const previous = useRef<{ value: T } | undefined>(undefined);
  const nextId = useRef(0);
  const describeNow = useRef(describe);
  // Kept current in a layout effect (not during render), which runs before the effect below reads it.
  useLayoutEffect(() => {
    describeNow.current = describe;
  });
  const [announcements, setAnnouncements] = useState<readonly Announcement[]>([]);
  useEffect(() => {
    const before = previous.current;
    previous.current = { value };
    if (before === undefined || Object.is(before.value, value)) return;
    const text = describeNow.current(before.value, value);
    if (text === undefined) return;
    const added = { id: nextId.current++, text };
    setAnnouncements((list) => [...list.slice(-(keep - 1)), added]);
  }, [value, keep]);
  return announcements;
}
