/**
 * ActivityKindName is what an activity event is about, as the page names and styles it. "other"
 * stands for a kind this page does not know yet: a newer server may send more.
 */
export type ActivityKindName =
  | "watched"
  | "released"
  | "page-opened"
  | "page-live"
  | "page-reloaded"
  | "page-closed"
  | "not-found"
  | "failed"
  | "reconnecting"
  | "browser-relaunched"
  | "stream-refused"
  | "unauthenticated"
  | "shutdown"
  | "skipped"
  | "other";

/** KIND_LABEL is each kind in a few words, as the Activity list shows it. */
export const KIND_LABEL: Readonly<Record<ActivityKindName, string>> = {
  watched: "watched",
  released: "released",
  "page-opened": "page opened",
  "page-live": "page live",
  "page-reloaded": "page reloaded",
  "page-closed": "page closed",
  "not-found": "not found",
  failed: "failed",
  reconnecting: "reconnecting",
  "browser-relaunched": "browser relaunched",
  "stream-refused": "stream refused",
  unauthenticated: "no valid token",
  shutdown: "shutdown",
  skipped: "skipped",
  other: "event",
};

/** ActivityTone says how much an event asks for attention; the list colours it so. */
export type ActivityTone = "info" | "warn" | "problem";

const TONE: Partial<Record<ActivityKindName, ActivityTone>> = {
  "page-reloaded": "warn",
  reconnecting: "warn",
  "browser-relaunched": "warn",
  skipped: "warn",
  shutdown: "warn",
  "not-found": "problem",
  failed: "problem",
  "stream-refused": "problem",
  unauthenticated: "problem",
};

/** toneOf is the tone of `kind`: "info" unless something went wrong or is being repaired. */
export function toneOf(kind: ActivityKindName): ActivityTone {
  return TONE[kind] ?? "info";
}

/** ActivityRow is one event of the Activity list, as the page keeps it. */
export interface ActivityRow {
  /**
   * key identifies the event across reconnects: the server's sequence with its time, so a
   * replayed event is known again and a restarted server's sequence 1 is not taken for the old one.
   */
  readonly key: string;
  /** occurredAtMs is when it happened (ms since the epoch); undefined when the server left it out. */
  readonly occurredAtMs: number | undefined;
  readonly kind: ActivityKindName;
  /** symbol is the symbol it is about, or "" for events about none. */
  readonly symbol: string;
  /** message is the server's sentence for a person; it never holds a token or an address. */
  readonly message: string;
}
