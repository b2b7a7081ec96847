import { renamedSymbol } from "../model/symbol.js";
import * as ticker from "../model/ticker.js";
import type { TickerView } from "../model/ticker.js";

/** WatchChange is the next UpdateWatch to send: removals first, then one add at a time. */
export type WatchChange = { remove: string[]; add?: undefined } | { add: string; remove?: undefined };

/**
 * TickerRows is, internal to the ticker store, the list the user wants and each ticker's view.
 * It is the truth the server is brought in line with: whatever the server watches that is not
 * here gets removed, whatever is here (and not rejected) gets added. Rows are keyed by the ids the
 * server uses, under the default exchange it named (see {@link TickerRows.adoptDefault}).
 */
export class TickerRows {
  private views = new Map<string, TickerView>();
  /** defaultExchange is the server's, once a Watch said it; undefined before. */
  private known: string | undefined;

  /**
   * Rows of `symbols`, named under `defaultExchange`: the server's as last heard, a guess until
   * {@link adoptDefault} gets its word. Entries that turn out to be one market become one.
   */
  constructor(symbols: readonly string[], defaultExchange?: string) {
    this.known = defaultExchange;
    this.replace(symbols);
  }

  /**
   * replace makes the rows `symbols` (saved form: exchange named, or bare for the server's
   * default), in that order. A ticker already here keeps its view, price and all: switching to a
   * list that shares it shows its price at once.
   */
  replace(symbols: readonly string[]): void {
    const views = new Map<string, TickerView>();
    for (const symbol of symbols) {
      const id = renamedSymbol(symbol, undefined, this.known);
      if (!views.has(id)) views.set(id, this.views.get(id) ?? ticker.newTicker(id));
    }
    this.views = views;
  }

  /** defaultExchange is the exchange a bare ticker names, as the server last said; undefined before. */
  get defaultExchange(): string | undefined {
    return this.known;
  }

  /**
   * adoptDefault takes the server's default exchange and renames every row to the id the server
   * uses for the same market: "BINANCE:SOLUSD" is "SOLUSD" on a BINANCE server; "SOLUSD" kept
   * under BINANCE is "BINANCE:SOLUSD" on a COINBASE one. Two rows that turn out to be one market
   * become one, the first kept. Order is kept. A bare ticker from before any default was known
   * meant the server's default and stays bare.
   * @returns true when the default is new to the rows: names, or at least their saved form, changed.
   */
  adoptDefault(exchange: string): boolean {
    const from = this.known;
    this.known = exchange;
    if (from === exchange) return false;
    const renamed = new Map<string, TickerView>();
    for (const [symbol, view] of this.views) {
      const id = renamedSymbol(symbol, from, exchange);
      if (!renamed.has(id)) renamed.set(id, id === symbol ? view : { ...view, symbol: id });
    }
    this.views = renamed;
    return true;
  }

  /**
   * qualified is {@link watchable} with every exchange named, bare only while no default is known:
   * what to save, and what to open a Watch with, since it means the same markets whatever the
   * server's default turns out to be.
   */
  qualified(): string[] {
    return this.watchable().map((symbol) => renamedSymbol(symbol, this.known, undefined));
  }

  has(symbol: string): boolean {
    return this.views.has(symbol);
  }

  add(symbol: string): void {
    this.views.set(symbol, ticker.newTicker(symbol));
  }

  delete(symbol: string): boolean {
    return this.views.delete(symbol);
  }

  /** update replaces `symbol`'s view with `change(view)`; unknown symbols are ignored. */
  update(symbol: string, change: (view: TickerView) => TickerView): void {
    const view = this.views.get(symbol);
    if (view !== undefined) this.views.set(symbol, change(view));
  }

  /** interruptAll marks every price stale: the stream that fed them is gone. */
  interruptAll(): void {
    for (const view of this.views.values()) this.views.set(view.symbol, ticker.interrupted(view));
  }

  /** sorted is every view, by symbol. */
  sorted(): TickerView[] {
    return [...this.views.values()].sort(ticker.bySymbol);
  }

  /** watchable is every symbol worth asking the server for (not rejected), sorted. */
  watchable(): string[] {
    return this.sorted()
      .filter((view) => view.phase !== "rejected")
      .map((view) => view.symbol);
  }

  /**
   * nextChange is the next step that brings `server` in line with these rows, or undefined when
   * they agree. Adds go one at a time, in the order they were made, so that a refusal names its
   * symbol (UpdateWatch applies a request whole or not at all).
   */
  nextChange(server: ReadonlySet<string>): WatchChange | undefined {
    const remove = [...server].filter((symbol) => !this.views.has(symbol));
    if (remove.length > 0) return { remove };
    for (const view of this.views.values()) {
      if (view.phase !== "rejected" && !server.has(view.symbol)) return { add: view.symbol };
    }
    return undefined;
  }
}
