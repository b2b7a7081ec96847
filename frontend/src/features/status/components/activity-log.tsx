import { memo, useId } from "react";
import type { LinkState } from "../api/activity-connection.js";
import { KIND_LABEL, toneOf, type ActivityRow } from "../model/activity.js";
import { formatClock } from "../model/clock.js";
import { useActivity } from "../hooks/use-activity.js";

const LINK_PROBLEM: Partial<Record<LinkState, string>> = {
  reconnecting: "Activity stream lost: reconnecting.",
  offline: "Activity stream lost: offline.",
  unauthenticated: "The server needs an access token to show its activity.",
};

const Item = memo(function Item(props: { row: ActivityRow; nowMs: number }) {
  const { row, nowMs } = props;
  return (
    <li className="activity-item" data-kind={row.kind} data-tone={toneOf(row.kind)}>
      {row.occurredAtMs !== undefined && (
        <time dateTime={new Date(row.occurredAtMs).toISOString()}>{formatClock(row.occurredAtMs, nowMs)}</time>
      )}
      <span className="activity-kind">{KIND_LABEL[row.kind]}</span>
      <span className="activity-message">{row.message}</span>
    </li>
  );
});

function waitingText(waiting: number, held: number): string {
  const events = `${waiting} new ${waiting === 1 ? "event" : "events"} waiting`;
  return held < waiting ? `${events}; the newest ${held} will show` : events;
}

/**
 * ActivityLog is the server's live Activity, newest first, with a pause that holds new events
 * back. It is a `log` with announcements off: the server's replay alone adds 300 rows, and a
 * screen reader reading each would drown out the page. Problems with the stream itself are said
 * once, in a polite status.
 */
export function ActivityLog() {
  const activity = useActivity();
  const headingId = useId();
  const { rows, paused } = activity;
  // The newest event's day decides whether times need their date: stable between renders.
  const nowMs = rows[0]?.occurredAtMs ?? 0;
  return (
    <div className="activity">
      <div className="activity-head">
        <h3 id={headingId}>Activity</h3>
        <button type="button" className="activity-pause" onClick={paused ? activity.resume : activity.pause}>
          {paused ? "Resume" : "Pause"}
        </button>
        {paused && <p className="activity-waiting">{waitingText(activity.waiting, activity.held)}</p>}
        <p className="activity-link" role="status">
          {LINK_PROBLEM[activity.link] ?? ""}
        </p>
      </div>
      <div className="activity-log" role="log" aria-labelledby={headingId} aria-live="off" tabIndex={0}>
        {rows.length === 0 ? (
          <p className="activity-empty">No activity yet.</p>
        ) : (
          <ol>
            {rows.map((row) => (
              <Item key={row.key} row={row} nowMs={nowMs} />
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
