import { memo, useId } from "react";
import { formatClock } from "../model/clock.js";
import { STATE_LABEL, type SymbolRow } from "../model/symbol-status.js";
import { useSymbolStatus } from "../hooks/use-symbol-status.js";

/** Clock is a time as the table shows it, or a dash for none. */
function Clock(props: { ms: number | undefined; nowMs: number }) {
  if (props.ms === undefined) return <span aria-label="none">–</span>;
  return <time dateTime={new Date(props.ms).toISOString()}>{formatClock(props.ms, props.nowMs)}</time>;
}

const Row = memo(function Row(props: { row: SymbolRow; nowMs: number }) {
  const { row, nowMs } = props;
  return (
    <tr data-state={row.state}>
      <th scope="row">{row.symbol}</th>
      <td>
        <span className="status-state">{STATE_LABEL[row.state]}</span>
        {row.problem !== "" && <span className="status-row-problem">{row.problem}</span>}
      </td>
      <td className="status-number">{row.subscribers}</td>
      <td>
        <Clock ms={row.pageOpenedAtMs} nowMs={nowMs} />
      </td>
      <td>
        <Clock ms={row.lastChangedAtMs} nowMs={nowMs} />
      </td>
    </tr>
  );
});

/**
 * SymbolTable lists the symbols the server watches, for every client, with the state of each
 * feed. It is refreshed in place and never announced: a person reads it when they want to.
 */
export function SymbolTable() {
  const { symbols, phase, updatedAtMs } = useSymbolStatus();
  const captionId = useId();
  const nowMs = updatedAtMs ?? 0;
  const empty = phase === "loading" ? "Loading…" : "No symbol is watched right now.";
  return (
    // Scrolls sideways on a narrow screen; focusable so that a keyboard can scroll it too.
    <div className="status-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="status-table">
        <caption id={captionId}>Watched symbols</caption>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">State</th>
            <th scope="col">Subscribers</th>
            <th scope="col">Page open since</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          {symbols.length === 0 ? (
            <tr>
              <td colSpan={5} className="status-empty">
                {empty}
              </td>
            </tr>
          ) : (
            symbols.map((row) => <Row key={row.symbol} row={row} nowMs={nowMs} />)
          )}
        </tbody>
      </table>
    </div>
  );
}
