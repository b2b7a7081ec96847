/** The activity log's events: what the server did or saw, in words an operator can read. */

/**
 * ActivityKind is what an event is about. The wire enum (ActivityKind in status_service.proto)
 * says what each one means; this is its framework-free twin.
 */
export type ActivityKind =
  | "symbol_watched"
  | "symbol_released"
  | "page_opened"
  | "page_live"
  | "page_reloaded"
  | "page_closed"
  | "not_found"
  | "failed"
  | "reconnecting"
  | "browser_relaunched"
  | "stream_refused"
  | "unauthenticated"
  | "shutdown"
  | "skipped";

/**
 * ActivityEvent is one entry of the log. It never holds a token, a header or a client address:
 * every message is built here from the server's own facts.
 */
export interface ActivityEvent {
  /** sequence numbers the log's events from 1, one up per event. */
  readonly sequence: number;
  readonly at: Date;
  readonly kind: ActivityKind;
  /** symbol is the normalised symbol, or "" for events about no symbol. */
  readonly symbol: string;
  readonly message: string;
  /** count is how many occurrences the event stands for (skipped events, refused requests); else 1. */
  readonly count: number;
}
