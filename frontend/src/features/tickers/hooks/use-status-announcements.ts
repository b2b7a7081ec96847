import { useEffect, useRef, useState } from "react";
import type { TickerPhase, TickerView } from "../model/ticker.js";

const SAID: Partial<Record<TickerPhase, string>> = {
  "not-found": "not found",
  failed: "failed",
  rejected: "rejected",
};

/** How many recent announcements stay in the live region. */
const KEEP = 5;

/** Announcement is one sentence for the live region; `id` keys it. */
export interface Announcement {
  readonly id: number;
  readonly text: string;
}

/**
 * useStatusAnnouncements turns ticker changes into short sentences for a polite live region:
 * added, removed, not found, failed, rejected. Each change is appended rather than replacing the
 * last, so quick successive changes are all read. Prices are left out: they change too often to
 * be read aloud. The connection indicator announces itself.
 */
export function useStatusAnnouncements(tickers: readonly TickerView[]): readonly Announcement[] {
  const previous = useRef<ReadonlyMap<string, TickerPhase> | undefined>(undefined);
  const nextId = useRef(0);
  const [announcements, setAnnouncements] = useState<readonly Announcement[]>([]);
  useEffect(() => {
    const before = previous.current;
    const now = new Map(tickers.map((view) => [view.symbol, view.phase]));
    previous.current = now;
    if (before === undefined) return;
    const parts: string[] = [];
    for (const [symbol, phase] of now) {
      const was = before.get(symbol);
      if (was === undefined) parts.push(`${symbol} added`);
      else if (was !== phase && SAID[phase] !== undefined) parts.push(`${symbol} ${SAID[phase]}`);
    }
    for (const symbol of before.keys()) if (!now.has(symbol)) parts.push(`${symbol} removed`);
    if (parts.length === 0) return;
    const added = { id: nextId.current++, text: `${parts.join(". ")}.` };
    setAnnouncements((list) => [...list.slice(-(KEEP - 1)), added]);
  }, [tickers]);
  return announcements;
}
