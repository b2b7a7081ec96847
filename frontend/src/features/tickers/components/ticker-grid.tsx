import type { TickerView } from "../model/ticker.js";
import { TickerCard } from "./ticker-card.js";

/** TickerGrid lists the tickers in the order given (the store sorts them). */
export function TickerGrid(props: {
  tickers: readonly TickerView[];
  onRemove: (symbol: string) => void;
}) {
  if (props.tickers.length === 0) {
    return <p className="ticker-empty">No tickers yet: add one above.</p>;
  }
  return (
    <ul className="ticker-grid" aria-label="Tickers">
      {props.tickers.map((view) => (
        <TickerCard key={view.symbol} view={view} onRemove={props.onRemove} />
      ))}
    </ul>
  );
}
