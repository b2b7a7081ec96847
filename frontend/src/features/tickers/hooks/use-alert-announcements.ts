import { useAnnouncements, type Announcement } from "../../../lib/use-announcements.js";
import type { AlertSnapshot } from "../api/alert-store.js";
import { firedMessage } from "../model/alert.js";

/** How many recent announcements stay in the live region. */
const KEEP = 5;

/**
 * useAlertAnnouncements says each alert as it fires, for a polite live region: "Alert: BTCUSD
 * above 97,000 (price 97,012.50)." Alerts that had fired before the page opened are not said again.
 */
export function useAlertAnnouncements(alerts: AlertSnapshot): readonly Announcement[] {
  return useAnnouncements(alerts, describeFired, KEEP);
}

function describeFired(before: AlertSnapshot, now: AlertSnapshot): string | undefined {
  const parts: string[] = [];
  for (const [symbol, list] of now) {
    const earlier = before.get(symbol);
    for (const alert of list) {
      const was = earlier?.find((a) => a.id === alert.id);
      if (alert.fired !== undefined && was?.fired === undefined) parts.push(`${firedMessage(symbol, alert)}.`);
    }
  }
  return parts.length === 0 ? undefined : parts.join(" ");
}
