import type { ConnectionState } from "../model/ticker.js";

const LABEL: Record<ConnectionState, string> = {
  connecting: "Connecting",
  live: "Live",
  reconnecting: "Reconnecting",
  offline: "Offline",
  unauthenticated: "Token needed",
};

/** ConnectionIndicator shows, and politely announces, the state of the page's stream. */
export function ConnectionIndicator(props: { state: ConnectionState }) {
  return (
    <p className="connection" data-state={props.state} role="status" aria-label="Connection">
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">Connection: </span>
      {LABEL[props.state]}
    </p>
  );
}
