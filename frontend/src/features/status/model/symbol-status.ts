/** SymbolStateName is where a watched symbol's feed stands; "unknown" for a state this page does not know. */
export type SymbolStateName = "loading" | "live" | "reconnecting" | "not-found" | "failed" | "unknown";

/** STATE_LABEL is each state as the Status table shows it. */
export const STATE_LABEL: Readonly<Record<SymbolStateName, string>> = {
  loading: "Loading",
  live: "Live",
  reconnecting: "Reconnecting",
  "not-found": "Not found",
  failed: "Failed",
  unknown: "Unknown",
};

/** SymbolRow is one watched symbol of the server, as the Status table shows it. */
export interface SymbolRow {
  readonly symbol: string;
  readonly state: SymbolStateName;
  /** subscribers counts the streams holding the symbol, across every client of the server. */
  readonly subscribers: number;
  /** pageOpenedAtMs is when the server opened the page now reading it; undefined while none is open. */
  readonly pageOpenedAtMs: number | undefined;
  /** lastChangedAtMs is when its price last changed; undefined before the first price. */
  readonly lastChangedAtMs: number | undefined;
  /** problem is what last went wrong with its page, in words; "" when nothing has. */
  readonly problem: string;
}

/** ServerSummary is the line above the table: what the server is and how busy. */
export interface ServerSummary {
  readonly version: string;
  readonly mode: "demo" | "live" | "unknown";
  /** browser is the shared Chromium's state; "none" when the server reads prices without one. */
  readonly browser: "starting" | "up" | "relaunching" | "down" | "none";
  readonly pagesOpen: number;
  readonly openStreams: number;
  readonly clients: number;
}

/**
 * StatusPhase is how the page stands with GetStatus.
 * - loading: no answer yet since the view opened
 * - ok: the last call was answered
 * - retrying: the last call failed; the last answer, if any, stays until the next one
 * - unauthenticated: refused for want of a valid token; no retry until the token changes
 */
export type StatusPhase = "loading" | "ok" | "retrying" | "unauthenticated";

/** StatusSnapshot is what the Status table shows. */
export interface StatusSnapshot {
  readonly phase: StatusPhase;
  /** symbols are sorted by symbol, as the server sends them. */
  readonly symbols: readonly SymbolRow[];
  readonly server: ServerSummary | undefined;
  /** updatedAtMs is when the server took the snapshot shown; undefined before the first. */
  readonly updatedAtMs: number | undefined;
  /** problem says why the last call failed, while `phase` is "retrying". */
  readonly problem: string | undefined;
}
