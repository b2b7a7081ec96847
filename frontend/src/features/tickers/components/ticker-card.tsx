import { memo, useId } from "react";
import { formatPrice } from "../model/decimal.js";
import type { TickerPhase, TickerView } from "../model/ticker.js";

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

function State(props: { view: TickerView }) {
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
    </p>
  );
}

/** TickerCard is one ticker: symbol, price, state, time of the last update, and remove. */
export const TickerCard = memo(function TickerCard(props: {
  view: TickerView;
  onRemove: (symbol: string) => void;
}) {
  const { view, onRemove } = props;
  const headingId = useId();
  return (
    <li className="ticker-card" data-phase={view.phase} aria-labelledby={headingId}>
      <div className="ticker-card-head">
        <h2 id={headingId} className="ticker-symbol">
          {view.symbol}
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
      <State view={view} />
    </li>
  );
});
