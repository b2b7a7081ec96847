/**
 * How the board is sorted. Alphabetical is the default; the others put what moved, or what is
 * worth most, first. Ties, and tickers without the figure (no change known yet, no price), go
 * alphabetically after the rest, so the order is the same in every browser.
 */
import { compareDecimal } from "./decimal.js";
import { bySymbol, type TickerView } from "./ticker.js";

/** SortOrder is one way to sort the board. */
export type SortOrder = "symbol" | "change-desc" | "change-asc" | "price-desc" | "price-asc";

/** SORT_ORDERS are every order, as the picker lists them, with their words. */
export const SORT_ORDERS: readonly { readonly order: SortOrder; readonly label: string }[] = [
  { order: "symbol", label: "Name (A–Z)" },
  { order: "change-desc", label: "Change %: rising most first" },
  { order: "change-asc", label: "Change %: falling most first" },
  { order: "price-desc", label: "Price: highest first" },
  { order: "price-asc", label: "Price: lowest first" },
];

/** isSortOrder tells a saved or given text that names an order. */
export function isSortOrder(text: unknown): text is SortOrder {
  return SORT_ORDERS.some((entry) => entry.order === text);
}

/** sortTickers is `views` in `order`, as a new array. */
export function sortTickers(views: readonly TickerView[], order: SortOrder): TickerView[] {
  if (order === "symbol") return [...views].sort(bySymbol);
  const key = order.startsWith("change") ? (view: TickerView) => view.changePercent : (view: TickerView) => view.price;
  const direction = order.endsWith("desc") ? -1 : 1;
  return [...views].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? bySymbol(a, b) : ka === undefined ? 1 : -1;
    return direction * (compareDecimal(ka, kb) ?? 0) || bySymbol(a, b);
  });
}
