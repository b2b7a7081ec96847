import * as ticker from "../model/ticker.js";
import type { TickerView } from "../model/ticker.js";

/** WatchChange is the next UpdateWatch to send: removals first, then one add at a time. */
export type WatchChange = { remove: string[]; add?: undefined } | { add: string; remove?: undefined };

/**
 * TickerRows is, internal to the ticker store, the list the user wants and each ticker's view.
 * It is the truth the server is brought in line with: whatever the server watches that is not
 * here gets removed, whatever is here (and not rejected) gets added.
 */
export class TickerRows {
  private readonly views = new Map<string, TickerView>();

  constructor(symbols: readonly string[]) {
    for (const symbol of symbols) this.views.set(symbol, ticker.newTicker(symbol));
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
