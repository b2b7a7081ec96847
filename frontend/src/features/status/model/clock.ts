const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * formatClock writes `ms` as the person's local time of day ("14:03:07"), or with its date when
 * it is not on the same day as `nowMs` ("Nov 28, 09:15"): a page left open overnight stays clear.
 */
export function formatClock(ms: number, nowMs: number): string {
  const sameDay = new Date(ms).toDateString() === new Date(nowMs).toDateString();
  return sameDay ? TIME.format(ms) : DAY_AND_TIME.format(ms);
}
