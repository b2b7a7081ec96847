import { useId } from "react";
import { ActivityLog } from "./activity-log.js";
import { ServerLine } from "./server-line.js";
import { SymbolTable } from "./symbol-table.js";
import "./status.css";

/**
 * StatusPanel is the Status view: what the server runs, the symbols it watches, and its live
 * Activity. The section is always there, hidden while closed, so the button's `aria-controls`
 * always names it; its content mounts only while open, and with it the calls to the server:
 * closing it aborts them.
 */
export function StatusPanel(props: { id: string; open: boolean }) {
  const headingId = useId();
  return (
    <section id={props.id} className="status-panel" aria-labelledby={headingId} hidden={!props.open}>
      <h2 id={headingId}>Server status</h2>
      {props.open && (
        <>
          <ServerLine />
          <SymbolTable />
          <ActivityLog />
        </>
      )}
    </section>
  );
}
