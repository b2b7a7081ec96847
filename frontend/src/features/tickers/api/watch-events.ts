/**
 * How a Watch stream's quotes and statuses change the rows, internal to the ticker store.
 * `started` is the connection's business and a heartbeat only keeps the attempt alive: what is
 * left here is about one ticker at a time.
 */
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { SymbolState, type WatchResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { Logger } from "../../../lib/log.js";
import * as ticker from "../model/ticker.js";
import type { TickerPhase } from "../model/ticker.js";
import type { TickerRows } from "./ticker-rows.js";

const PHASE_OF: Partial<Record<SymbolState, TickerPhase>> = {
  [SymbolState.LOADING]: "loading",
  [SymbolState.LIVE]: "live",
  [SymbolState.RECONNECTING]: "reconnecting",
  [SymbolState.NOT_FOUND]: "not-found",
  [SymbolState.FAILED]: "failed",
};

/**
 * applyTickerEvent folds a quote or a status into `rows`.
 * @returns true when the store should publish: after every quote, and after a status it knows
 * about a ticker it holds; false for anything else, which it ignores.
 */
export function applyTickerEvent(rows: TickerRows, event: WatchResponse["event"], log: Logger): boolean {
  if (event.case === "quote") {
    const { symbol, price, observedAt } = event.value;
    const at = observedAt === undefined ? undefined : timestampMs(observedAt);
    rows.update(symbol, (view) => ticker.withQuote(view, price, at));
    return true;
  }
  if (event.case === "status") {
    const { symbol, state, message } = event.value;
    const phase = PHASE_OF[state];
    if (phase === undefined || !rows.has(symbol)) return false;
    if (ticker.isFinal(phase)) log.warn(`${symbol}: ${phase}${message ? ` (${message})` : ""}`);
    rows.update(symbol, (view) => ticker.withStatus(view, phase, message));
    return true;
  }
  return false;
}
