/**
 * How a Watch stream's quotes, histories and statuses change the rows, internal to the ticker store.
 * `started` is the connection's business and a heartbeat only keeps the attempt alive: what is
 * left here is about one ticker at a time.
 */
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { SymbolState, type Quote, type WatchResponse } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { Logger } from "../../../lib/log.js";
import * as ticker from "../model/ticker.js";
import type { QuoteFields, TickerPhase } from "../model/ticker.js";
import type { TickerRows } from "./ticker-rows.js";

const PHASE_OF: Partial<Record<SymbolState, TickerPhase>> = {
  [SymbolState.LOADING]: "loading",
  [SymbolState.LIVE]: "live",
  [SymbolState.RECONNECTING]: "reconnecting",
  [SymbolState.NOT_FOUND]: "not-found",
  [SymbolState.FAILED]: "failed",
};

/** Priced hears the newest price of a ticker the rows hold, after the rows took it. */
export type Priced = (symbol: string, price: string) => void;

/**
 * applyTickerEvent folds a quote, a history or a status into `rows`, and tells `priced` the new
 * price of a held ticker (a history's newest quote, which is the server's cached one, counts).
 * @returns true when the store should publish: after every quote and history, and after a status
 * it knows about a ticker it holds; false for anything else, which it ignores.
 */
export function applyTickerEvent(
  rows: TickerRows,
  event: WatchResponse["event"],
  log: Logger,
  priced: Priced,
): boolean {
  if (event.case === "quote") {
    const { symbol, price } = event.value;
    rows.update(symbol, (view) => ticker.withQuote(view, quoteFields(event.value)));
    if (rows.has(symbol)) priced(symbol, price);
    return true;
  }
  if (event.case === "history") {
    const { symbol, quotes } = event.value;
    rows.update(symbol, (view) => ticker.withHistory(view, quotes.map(quoteFields)));
    const newest = quotes.at(-1);
    if (newest !== undefined && rows.has(symbol)) priced(symbol, newest.price);
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

function quoteFields(quote: Quote): QuoteFields {
  const { price, observedAt, change, changePercent } = quote;
  return { price, observedAt: observedAt === undefined ? undefined : timestampMs(observedAt), change, changePercent };
}
