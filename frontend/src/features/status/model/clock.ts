const TIME = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", second: "2-digit" });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/**
 * formatClock writes `ms` as the person's local time of day, in the person's locale as the
 * ticker cards write it ("2:03:07 PM"), or with its date when it is not on the same day as
 * `nowMs` ("Nov 28, 9:15 AM"): a page left open overnight stays clear.
 */
export function formatClock(ms: number, nowMs: number): string {
  const sameDay = new Date(ms).toDateString() === new Date(nowMs).toDateString();
  return sameDay ? TIME.format(ms) : DAY_AND_TIME.format(ms);
}
