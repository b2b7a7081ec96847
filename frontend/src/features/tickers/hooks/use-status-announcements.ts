import { useAnnouncements, type Announcement } from "../../../lib/use-announcements.js";
import type { TickerPhase, TickerView } from "../model/ticker.js";

const SAID: Partial<Record<TickerPhase, string>> = {
  "not-found": "not found",
  failed: "failed",
  rejected: "rejected",
};

/** How many recent announcements stay in the live region. */
const KEEP = 5;

/**
 * useStatusAnnouncements turns ticker changes into short sentences for a polite live region:
 * added, removed, not found, failed, rejected. Prices are left out: they change too often to be
 * read aloud. The connection indicator announces itself.
 */
export function useStatusAnnouncements(tickers: readonly TickerView[]): readonly Announcement[] {
  return useAnnouncements(tickers, describeTickers, KEEP);
}

function describeTickers(before: readonly TickerView[], now: readonly TickerView[]): string | undefined {
  const was = new Map(before.map((view) => [view.symbol, view.phase]));
  const is = new Set(now.map((view) => view.symbol));
  const parts: string[] = [];
  for (const { symbol, phase } of now) {
    const then = was.get(symbol);
    if (then === undefined) parts.push(`${symbol} added`);
    else if (then !== phase && SAID[phase] !== undefined) parts.push(`${symbol} ${SAID[phase]}`);
  }
  for (const symbol of was.keys()) if (!is.has(symbol)) parts.push(`${symbol} removed`);
  return parts.length === 0 ? undefined : `${parts.join(". ")}.`;
}
