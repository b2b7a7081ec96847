import { useId, useRef, useState } from "react";
import type { AlertStore } from "../api/alert-store.js";
import { alertLabel, alertMessage, type PriceAlert } from "../model/alert.js";
import { formatPrice } from "../model/decimal.js";
import { AlertForm } from "./alert-form.js";

/** AlertActions are what a card may do with its alerts. */
export type AlertActions = Pick<AlertStore, "add" | "remove">;

function AlertEntry(props: { symbol: string; alert: PriceAlert; onRemove: () => void }) {
  const { symbol, alert } = props;
  const textId = useId();
  const { fired, refused } = alert;
  return (
    <div className="ticker-alert" data-fired={fired === undefined ? undefined : ""}>
      <p id={textId} className="ticker-alert-text">
        {fired === undefined ? alertLabel(alert) : alertMessage(symbol, alert)}
        {fired !== undefined && (
          <span className="ticker-alert-detail">
            {" "}
            at {formatPrice(fired.price)}, <time dateTime={new Date(fired.at).toISOString()}>{new Date(fired.at).toLocaleTimeString()}</time>
          </span>
        )}
        {refused !== undefined && <span className="ticker-alert-detail"> not set: {refused}</span>}
      </p>
      <button type="button" className="ticker-alert-remove" aria-describedby={textId} onClick={props.onRemove}>
        Remove alert
      </button>
    </div>
  );
}

/**
 * TickerAlerts is a card's alerts: each listed with its Remove alert button (a fired one says
 * "Alert: BTCUSD above …"), and the Set alert button that opens the form. `listOnly` leaves the
 * button out (the compact row, a ticker that does not exist).
 */
export function TickerAlerts(props: {
  symbol: string;
  alerts: readonly PriceAlert[];
  actions: AlertActions;
  listOnly?: boolean;
}) {
  const { symbol, alerts, actions } = props;
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  return (
    <div className="ticker-alerts">
      {alerts.length > 0 && (
        <div role="group" aria-label={`Alerts for ${symbol}`}>
          {alerts.map((alert) => (
            <AlertEntry
              key={alert.id}
              symbol={symbol}
              alert={alert}
              onRemove={() => {
                actions.remove(symbol, alert.id);
                toggleRef.current?.focus();
              }}
            />
          ))}
        </div>
      )}
      {!props.listOnly && (
      <button
        ref={toggleRef}
        type="button"
        className="ticker-alert-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Set alert for {symbol}
      </button>
      )}
      {open && !props.listOnly && (
        <AlertForm
          symbol={symbol}
          onSave={(direction, level) => {
            actions.add(symbol, direction, level);
            close();
          }}
          onCancel={close}
        />
      )}
    </div>
  );
}
