import { useEffect, useRef, useState } from "react";
import type { TickerPhase, TickerView } from "../model/ticker.js";

const SAID: Partial<Record<TickerPhase, string>> = {
  "not-found": "not found",
  failed: "failed",
  rejected: "rejected",
};

/**
 * useStatusAnnouncement turns ticker changes into one short sentence for a polite live region:
 * added, removed, not found, failed, rejected. Prices are left out: they change too often to be
 * read aloud. The connection indicator announces itself.
 */
export function useStatusAnnouncement(tickers: readonly TickerView[]): string {
  const previous = useRef<ReadonlyMap<string, TickerPhase> | undefined>(undefined);
  const [message, setMessage] = useState("");
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
    if (parts.length > 0) setMessage(`${parts.join(". ")}.`);
  }, [tickers]);
  return message;
}
