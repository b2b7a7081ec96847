import { useCallback, useEffect, useReducer, useState, useSyncExternalStore } from "react";
import { BoardOrder } from "../api/board-order.js";
import type { SortOrder } from "../model/sort-order.js";
import type { TickerView } from "../model/ticker.js";
import { useSortPreference } from "./ticker-store-context.js";

/** useSortOrder is how the board is sorted, and the function that changes it (remembered). */
export function useSortOrder(): [order: SortOrder, setOrder: (order: SortOrder) => void] {
  const preference = useSortPreference();
  const order = useSyncExternalStore(preference.subscribe, preference.get);
  const setOrder = useCallback((next: SortOrder) => preference.set(next), [preference]);
  return [order, setOrder];
}

/**
 * useBoardOrder is `tickers` in `order`, moving cards at most once a second: a move held back
 * is made when due, by a timer that wakes the component then.
 */
export function useBoardOrder(tickers: readonly TickerView[], order: SortOrder): readonly TickerView[] {
  const [board] = useState(() => new BoardOrder());
  const [, wake] = useReducer((n: number) => n + 1, 0);
  const arranged = board.arrange(tickers, order);
  const { dueAt } = arranged;
  useEffect(() => {
    if (dueAt === undefined) return;
    const timer = setTimeout(wake, Math.max(0, dueAt - Date.now()));
    return () => clearTimeout(timer);
  }, [dueAt]);
  return arranged.views;
}
