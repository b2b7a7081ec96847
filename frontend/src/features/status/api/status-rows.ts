import { timestampMs, type Timestamp } from "@bufbuild/protobuf/wkt";
import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import {
  BrowserState,
  ServerMode,
  type GetStatusResponse,
  type WatchedSymbol,
} from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import type { ServerSummary, SymbolRow, SymbolStateName } from "../model/symbol-status.js";

const STATE: Readonly<Record<SymbolState, SymbolStateName>> = {
  [SymbolState.UNSPECIFIED]: "unknown",
  [SymbolState.LOADING]: "loading",
  [SymbolState.LIVE]: "live",
  [SymbolState.RECONNECTING]: "reconnecting",
  [SymbolState.NOT_FOUND]: "not-found",
  [SymbolState.FAILED]: "failed",
};

const BROWSER: Readonly<Record<BrowserState, ServerSummary["browser"]>> = {
  [BrowserState.UNSPECIFIED]: "none",
  [BrowserState.STARTING]: "starting",
  [BrowserState.UP]: "up",
  [BrowserState.RELAUNCHING]: "relaunching",
  [BrowserState.DOWN]: "down",
};

const MODE: Readonly<Record<ServerMode, ServerSummary["mode"]>> = {
  [ServerMode.UNSPECIFIED]: "unknown",
  [ServerMode.DEMO]: "demo",
  [ServerMode.LIVE]: "live",
};

/** StatusAnswer is a GetStatus answer as the Status table shows it. */
export interface StatusAnswer {
  readonly symbols: readonly SymbolRow[];
  readonly server: ServerSummary | undefined;
  readonly updatedAtMs: number | undefined;
}

/** toStatusAnswer reads `response`; states and modes this page does not know read "unknown". */
export function toStatusAnswer(response: GetStatusResponse): StatusAnswer {
  const { server, browser } = response;
  return {
    symbols: response.symbols.map(toSymbolRow),
    server:
      server === undefined
        ? undefined
        : {
            version: server.version,
            mode: MODE[server.mode] ?? "unknown",
            browser: browser === undefined ? "none" : (BROWSER[browser.state] ?? "none"),
            pagesOpen: browser?.pagesOpen ?? 0,
            openStreams: server.openStreams,
            clients: server.clients,
          },
    updatedAtMs: msOf(response.generatedAt),
  };
}

function toSymbolRow(symbol: WatchedSymbol): SymbolRow {
  return {
    symbol: symbol.symbol,
    state: STATE[symbol.state] ?? "unknown",
    subscribers: symbol.subscribers,
    pageOpenedAtMs: msOf(symbol.pageOpenedAt),
    lastChangedAtMs: msOf(symbol.lastChangedAt),
    problem: symbol.lastProblem,
  };
}

function msOf(timestamp: Timestamp | undefined): number | undefined {
  return timestamp === undefined ? undefined : timestampMs(timestamp);
}
