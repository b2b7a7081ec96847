import { useCallback, useRef, useState } from "react";
import { useAlertAnnouncements } from "../hooks/use-alert-announcements.js";
import { useAlerts } from "../hooks/use-alerts.js";
import { useBoardOrder, useSortOrder } from "../hooks/use-board-order.js";
import { useShortcuts } from "../hooks/use-shortcuts.js";
import { useCompactLayout } from "../hooks/use-compact-layout.js";
import { useFlash } from "../hooks/use-flash.js";
import { useStatusAnnouncements } from "../hooks/use-status-announcements.js";
import { useTickerStream } from "../hooks/use-ticker-stream.js";
import { AddTickerForm } from "./add-ticker-form.js";
import { ConnectionIndicator } from "./connection-indicator.js";
import { KeyboardHelp } from "./keyboard-help.js";
import { SortPicker } from "./sort-picker.js";
import { TickerGrid } from "./ticker-grid.js";
import "./tickers.css";
import "./market.css";

/**
 * TickerDashboard is the whole tickers feature but the layout toggle: add form, sort, connection,
 * grid (sorted as chosen, moving at most once a second), alerts, announcements, and the keys:
 * "/" to the Ticker field, "?" for the help that lists them.
 */
export function TickerDashboard() {
  const { tickers, connection, add, remove } = useTickerStream();
  const { alerts, store: alertActions } = useAlerts();
  const [compact] = useCompactLayout();
  const [flash] = useFlash();
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
  const [helpOpen, setHelpOpen] = useState(false);
  const focusTicker = useCallback(() => inputRef.current?.focus(), []);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useShortcuts({ focusTicker, showHelp });

  return (
    <>
      <div className="ticker-toolbar">
        <AddTickerForm onAdd={add} inputRef={inputRef} />
        <SortPicker order={sortOrder} onChange={setSortOrder} />
        <ConnectionIndicator state={connection} />
        <button type="button" className="keys-button" aria-haspopup="dialog" onClick={showHelp}>
          Keys <kbd aria-hidden="true">?</kbd>
        </button>
      </div>
      {helpOpen && <KeyboardHelp onClose={() => setHelpOpen(false)} />}
      <TickerGrid
        tickers={board}
        onRemove={removeAndRefocus}
        alerts={alerts}
        alertActions={alertActions}
        compact={compact}
        flash={flash}
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
