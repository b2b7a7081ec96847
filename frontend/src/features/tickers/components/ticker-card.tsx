import { memo, useId } from "react";
import { useQuietMinutes } from "../hooks/use-quiet-minutes.js";
import type { PriceAlert } from "../model/alert.js";
import { formatPrice } from "../model/decimal.js";
import type { TickerPhase, TickerView } from "../model/ticker.js";
import { DayChangeText } from "./day-change-text.js";
import { Sparkline } from "./sparkline.js";
import { SymbolText } from "./symbol-text.js";
import { TickerAlerts, type AlertActions } from "./ticker-alerts.js";

const STATE_LABEL: Record<TickerPhase, string> = {
  loading: "Loading…",
  live: "Live",
  reconnecting: "Reconnecting",
  "not-found": "Not found",
  failed: "Failed",
  rejected: "Rejected",
};

function Time(props: { ms: number }) {
  const date = new Date(props.ms);
  return <time dateTime={date.toISOString()}>{date.toLocaleTimeString()}</time>;
}

function Price(props: { view: TickerView }) {
  const { price, trend, revision, stale } = props.view;
  if (price === undefined) return null;
  return (
    <p className="ticker-price" data-stale={stale ? "" : undefined}>
      {/* A new key per change restarts the flash animation. */}
      <span key={revision} className="ticker-price-value" data-trend={trend}>
        {formatPrice(price)}
      </span>
      {trend && (
        <>
          <span className="ticker-trend" data-trend={trend} aria-hidden="true">
            {trend === "up" ? "▲" : "▼"}
          </span>
          <span className="visually-hidden">{trend === "up" ? " rising" : " falling"}</span>
        </>
      )}
    </p>
  );
}

function State(props: { view: TickerView; quiet: number | undefined }) {
  const { phase, message, observedAt, stale } = props.view;
  const busy = phase === "loading" || phase === "reconnecting";
  return (
    <p className="ticker-state" data-phase={phase}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {phase !== "live" && <span className="ticker-state-label">{STATE_LABEL[phase]}</span>}
      {message && <span className="ticker-state-message">{message}</span>}
      {observedAt !== undefined && (phase === "live" || stale) && (
        <span className="ticker-updated">
          {stale ? "Last update " : "Updated "}
          <Time ms={observedAt} />
        </span>
      )}
      {props.quiet !== undefined && <span className="ticker-quiet">No change for {props.quiet} min</span>}
    </p>
  );
}

const NO_ALERTS: readonly PriceAlert[] = [];

/**
 * TickerCard is one ticker: symbol, price, the day's change, a sparkline, state, time of the last
 * update (and "No change for N min" when a live price stands still), its alerts, and remove. In the compact layout it is one row (symbol, price, change,
 * sparkline, remove) and only fired alerts show, under it.
 */
export const TickerCard = memo(function TickerCard(props: {
  view: TickerView;
  onRemove: (symbol: string) => void;
  alerts: readonly PriceAlert[] | undefined;
  alertActions: AlertActions;
  compact: boolean;
}) {
  const { view, onRemove, compact } = props;
  const alerts = props.alerts ?? NO_ALERTS;
  const shownAlerts = compact ? alerts.filter((alert) => alert.fired !== undefined) : alerts;
  const headingId = useId();
  const quiet = useQuietMinutes(view);
  return (
    <li
      className="ticker-card"
      data-phase={view.phase}
      data-compact={compact ? "" : undefined}
      data-quiet={quiet === undefined ? undefined : ""}
      aria-labelledby={headingId}
    >
      <div className="ticker-card-head">
        <h2 id={headingId} className="ticker-symbol">
          <SymbolText symbol={view.symbol} />
        </h2>
        <button
          type="button"
          className="ticker-remove"
          aria-label={`Remove ${view.symbol}`}
          onClick={() => onRemove(view.symbol)}
        >
          ×
        </button>
      </div>
      <Price view={view} />
      <DayChangeText change={view.change} changePercent={view.changePercent} />
      <Sparkline points={view.recent.points} />
      <State view={view} quiet={quiet} />
      {(!compact || shownAlerts.length > 0) && (
        <TickerAlerts
          symbol={view.symbol}
          price={view.price}
          alerts={shownAlerts}
          actions={props.alertActions}
          listOnly={compact}
        />
      )}
    </li>
  );
});
