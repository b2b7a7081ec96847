/**
 * The board's order over time: a sorted board that followed every quote would jump under the
 * reader's eyes. It moves cards at most once per interval; a ticker added or removed, or another
 * sort chosen, shows at once, since the reader asked for it.
 */
import { sortTickers, type SortOrder } from "../model/sort-order.js";
import type { TickerView } from "../model/ticker.js";

/** Arranged is the board to draw, and when to look again for a move held back. */
export interface Arranged {
  readonly views: readonly TickerView[];
  /** dueAt is the time (ms) a held-back move may happen; undefined when none waits. */
  readonly dueAt?: number | undefined;
}

/** BoardOrder remembers the order last shown. Internal to the dashboard; one per board. */
export class BoardOrder {
  private shown: readonly string[] = [];
  private sort: SortOrder | undefined;
  private movedAt = Number.NEGATIVE_INFINITY;

  /**
   * @param intervalMs is the least time between two moves of cards.
   * @param now is the clock, in ms; fixed in tests.
   */
  constructor(
    private readonly intervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** arrange is `views` in `sort` now: in the order last shown while a move must wait. */
  arrange(views: readonly TickerView[], sort: SortOrder): Arranged {
    const nowMs = this.now();
    const wanted = sortTickers(views, sort);
    const ids = wanted.map((view) => view.symbol);
    const asked = sort !== this.sort || !sameMembers(ids, this.shown);
    this.sort = sort;
    if (sameOrder(ids, this.shown)) return { views: wanted };
    if (asked || nowMs - this.movedAt >= this.intervalMs) {
      this.shown = ids;
      this.movedAt = nowMs;
      return { views: wanted };
    }
    const byId = new Map(views.map((view) => [view.symbol, view]));
    return { views: this.shown.map((id) => byId.get(id)!), dueAt: this.movedAt + this.intervalMs };
  }
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((id) => set.has(id));
}
