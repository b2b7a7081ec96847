import type { AlertSnapshot } from "../api/alert-store.js";
import type { TickerView } from "../model/ticker.js";
import type { AlertActions } from "./ticker-alerts.js";
import { TickerCard } from "./ticker-card.js";

/** TickerGrid lists the tickers in the order given (the dashboard sorts them), as cards or compact rows. */
export function TickerGrid(props: {
  tickers: readonly TickerView[];
  onRemove: (symbol: string) => void;
  alerts: AlertSnapshot;
  alertActions: AlertActions;
  compact: boolean;
}) {
  if (props.tickers.length === 0) {
    return <p className="ticker-empty">No tickers yet: add one above.</p>;
  }
  return (
    <ul className="ticker-grid" data-layout={props.compact ? "compact" : "cards"} aria-label="Tickers">
      {props.tickers.map((view) => (
        <TickerCard
          key={view.symbol}
          view={view}
          onRemove={props.onRemove}
          alerts={props.alerts.get(view.symbol)}
          alertActions={props.alertActions}
          compact={props.compact}
        />
      ))}
    </ul>
  );
}
