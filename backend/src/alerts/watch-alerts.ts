/**
 * One watch's alerts: set, removed, and fed every quote the watch receives. It remembers each
 * symbol's last price so that an alert set later knows which side of its level the price is on.
 * Memory is bounded by the limit on alerts and by the symbols the watch holds.
 */
import { createAlertRule, type AlertRule } from "./alert-rule.js";
import type { AlertSpec } from "./alert-spec.js";

/** AlertLimitError: the watch holds as many alerts as it may. Nothing was changed. */
export class AlertLimitError extends Error {
  override readonly name = "AlertLimitError";
  constructor(readonly limit: number) {
    super(`a watch holds at most ${limit} alerts; remove one first`);
  }
}

/** Triggered is an alert that fired on a price, with the earlier price of a move. */
export interface Triggered {
  readonly alertId: string;
  readonly spec: AlertSpec;
  readonly reference?: string;
}

const NOTHING_FIRED: readonly Triggered[] = [];

interface Held {
  readonly spec: AlertSpec;
  readonly rule: AlertRule;
}

/** WatchAlerts belongs to one watch and goes with it. Not thread-shared; every method is synchronous. */
export class WatchAlerts {
  private readonly held = new Map<string, Held>();
  /** lastPrices are updated in place on each quote; a rule is given a copy. */
  private readonly lastPrices = new Map<string, { price: string; at: number }>();
  private sequence = 0;

  /** @param limit is the most alerts the watch may hold at once. */
  constructor(private readonly limit: number) {}

  /** set adds `spec` and returns its id. @throws AlertLimitError when the watch is full. */
  set(spec: AlertSpec): string {
    if (this.held.size >= this.limit) throw new AlertLimitError(this.limit);
    this.sequence += 1;
    const id = `a${this.sequence}`;
    const last = this.lastPrices.get(spec.symbol);
    this.held.set(id, { spec, rule: createAlertRule(spec, last && { ...last }) });
    return id;
  }

  /** remove drops alert `id`; false when the watch did not hold it. */
  remove(id: string): boolean {
    return this.held.delete(id);
  }

  /**
   * observe feeds `symbol`'s price seen at `at` to its alerts and returns those that fired, in the
   * order they were set. An alert that fires once is gone afterwards.
   */
  observe(symbol: string, price: string, at: number): readonly Triggered[] {
    // Every quote of every watch passes here, alerts or not: update in place, allocate nothing.
    const last = this.lastPrices.get(symbol);
    if (last === undefined) this.lastPrices.set(symbol, { price, at });
    else {
      last.price = price;
      last.at = at;
    }
    if (this.held.size === 0) return NOTHING_FIRED;
    const fired: Triggered[] = [];
    for (const [alertId, { spec, rule }] of this.held) {
      if (spec.symbol !== symbol) continue;
      const firing = rule.observe(price, at);
      if (firing === undefined) continue;
      fired.push(firing.reference === undefined ? { alertId, spec } : { alertId, spec, reference: firing.reference });
      if (!spec.repeat) this.held.delete(alertId);
    }
    return fired;
  }

  /** forget drops `symbol`'s alerts and last price: it left the watch. */
  forget(symbol: string): void {
    this.lastPrices.delete(symbol);
    for (const [id, { spec }] of this.held) if (spec.symbol === symbol) this.held.delete(id);
  }

  /** size is how many alerts the watch holds. */
  get size(): number {
    return this.held.size;
  }
}
