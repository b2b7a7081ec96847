import { useCallback, useRef } from "react";
import { useAlertAnnouncements } from "../hooks/use-alert-announcements.js";
import { useAlerts } from "../hooks/use-alerts.js";
import { useBoardOrder, useSortOrder } from "../hooks/use-board-order.js";
import { useCompactLayout } from "../hooks/use-compact-layout.js";
import { useStatusAnnouncements } from "../hooks/use-status-announcements.js";
import { useTickerStream } from "../hooks/use-ticker-stream.js";
import { AddTickerForm } from "./add-ticker-form.js";
import { ConnectionIndicator } from "./connection-indicator.js";
import { SortPicker } from "./sort-picker.js";
import { TickerGrid } from "./ticker-grid.js";
import "./tickers.css";
import "./market.css";

/**
 * TickerDashboard is the whole tickers feature but the layout toggle: add form, sort, connection,
 * grid (sorted as chosen, moving at most once a second), alerts, announcements.
 */
export function TickerDashboard() {
  const { tickers, connection, add, remove } = useTickerStream();
  const { alerts, store: alertActions } = useAlerts();
  const [compact] = useCompactLayout();
  const [sortOrder, setSortOrder] = useSortOrder();
  const board = useBoardOrder(tickers, sortOrder);
  const announcements = useStatusAnnouncements(tickers);
  const alertAnnouncements = useAlertAnnouncements(alerts);
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
        <SortPicker order={sortOrder} onChange={setSortOrder} />
        <ConnectionIndicator state={connection} />
      </div>
      <TickerGrid
        tickers={board}
        onRemove={removeAndRefocus}
        alerts={alerts}
        alertActions={alertActions}
        compact={compact}
      />
      <div className="visually-hidden" aria-live="polite" aria-relevant="additions">
        {announcements.map((item) => (
          <p key={`status-${item.id}`}>{item.text}</p>
        ))}
        {alertAnnouncements.map((item) => (
          <p key={`alert-${item.id}`}>{item.text}</p>
        ))}
      </div>
    </>
  );
}
