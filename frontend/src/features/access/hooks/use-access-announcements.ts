import { useEffect, useRef, useState } from "react";
import type { AccessStatus } from "../api/token-store.js";

const SAID: Partial<Record<AccessStatus, string>> = {
  required: "This server needs an access token.",
  accepted: "Access token accepted.",
};

/** How many recent announcements stay in the live region. */
const KEEP = 3;

/** Announcement is one sentence for the live region; `id` keys it. */
export interface Announcement {
  readonly id: number;
  readonly text: string;
}

/**
 * useAccessAnnouncements turns changes of the access status into sentences for a polite live
 * region: needed, accepted, forgotten. A refusal is not among them: the form's own message says
 * it, in its own live region. The status the page starts with is not said, only what changes
 * while the person is there.
 */
export function useAccessAnnouncements(status: AccessStatus): readonly Announcement[] {
  const previous = useRef<AccessStatus | undefined>(undefined);
  const nextId = useRef(0);
  const [announcements, setAnnouncements] = useState<readonly Announcement[]>([]);
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (before === undefined || before === status) return;
    const forgotten = status === "none" && (before === "checking" || before === "accepted");
    const text = forgotten ? "Access token forgotten." : SAID[status];
    if (text === undefined) return;
    const added = { id: nextId.current++, text };
    setAnnouncements((list) => [...list.slice(-(KEEP - 1)), added]);
  }, [status]);
  return announcements;
}
