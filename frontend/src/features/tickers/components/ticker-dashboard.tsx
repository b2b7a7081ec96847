import { useCallback, useRef } from "react";
import { useStatusAnnouncements } from "../hooks/use-status-announcements.js";
import { useTickerStream } from "../hooks/use-ticker-stream.js";
import { AddTickerForm } from "./add-ticker-form.js";
import { ConnectionIndicator } from "./connection-indicator.js";
import { TickerGrid } from "./ticker-grid.js";
import "./tickers.css";

/** TickerDashboard is the whole tickers feature: connection, add form, grid, announcements. */
export function TickerDashboard() {
  const { tickers, connection, add, remove } = useTickerStream();
  const announcements = useStatusAnnouncements(tickers);
  const inputRef = useRef<HTMLInputElement>(null);
  // The removed card's button disappears; hand keyboard focus back to the input.
  const removeAndRefocus = useCallback(
    (symbol: string) => {
      remove(symbol);
      inputRef.current?.focus();
    },
    [remove],
  );

  return (
    <>
      <div className="ticker-toolbar">
        <AddTickerForm onAdd={add} inputRef={inputRef} />
        <ConnectionIndicator state={connection} />
      </div>
      <TickerGrid tickers={tickers} onRemove={removeAndRefocus} />
      <div className="visually-hidden" aria-live="polite" aria-relevant="additions">
        {announcements.map((item) => (
          <p key={item.id}>{item.text}</p>
        ))}
      </div>
    </>
  );
}
