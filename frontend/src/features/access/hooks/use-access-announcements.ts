import { useAnnouncements, type Announcement } from "../../../lib/use-announcements.js";
import type { AccessStatus } from "../api/token-store.js";

const SAID: Partial<Record<AccessStatus, string>> = {
  required: "This server needs an access token.",
  accepted: "Access token accepted.",
};

/** How many recent announcements stay in the live region. */
const KEEP = 3;

/**
 * useAccessAnnouncements turns changes of the access status into sentences for a polite live
 * region: needed, accepted, forgotten. A refusal is not among them: the form's own message says
 * it, in its own live region. The status the page starts with is not said, only what changes
 * while the person is there.
 */
export function useAccessAnnouncements(status: AccessStatus): readonly Announcement[] {
  return useAnnouncements(status, describeAccess, KEEP);
}

function describeAccess(before: AccessStatus, now: AccessStatus): string | undefined {
  const forgotten = now === "none" && (before === "checking" || before === "accepted");
  return forgotten ? "Access token forgotten." : SAID[now];
}
