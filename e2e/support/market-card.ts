/**
 * A ticker card's market context as a person sees it (see frontend/src/features/tickers/components:
 * day-change-text, sparkline, ticker-alerts, alert-form), read through roles and labels.
 */
import type { Locator } from "playwright";

/** SPARKLINE_NAME is the sparkline's accessible name. */
const SPARKLINE_NAME = /^Price over the last \d+ minutes?$/;

/** MarketCard reads and drives one card's change, sparkline and alerts. */
export interface MarketCard {
  /** change is the day's change as shown, e.g. "▲ +1,234.56 (+1.23%)", or "" when none. */
  change(): Promise<string>;
  /** sparkline is the card's sparkline image. */
  readonly sparkline: Locator;
  /** sparklinePoints counts the points of the sparkline's line; 0 when there is none. */
  sparklinePoints(): Promise<number>;
  /** alerts is the group listing the card's alerts. */
  readonly alerts: Locator;
  /** setAlert opens the form, types `price`, picks the side and saves. */
  setAlert(price: string, side: "Above" | "Below"): Promise<void>;
}

/** marketCard reads `card`, the card of `symbol`. */
export function marketCard(card: Locator, symbol: string): MarketCard {
  const sparkline = card.getByRole("img", { name: SPARKLINE_NAME });
  return {
    async change() {
      const shown = card.locator(".ticker-change > [aria-hidden]");
      return (await shown.count()) === 0 ? "" : ((await shown.textContent()) ?? "");
    },
    sparkline,
    async sparklinePoints() {
      if ((await sparkline.count()) === 0) return 0;
      const points = await sparkline.locator("polyline").getAttribute("points");
      return points === null ? 0 : points.trim().split(/\s+/).length;
    },
    alerts: card.getByRole("group", { name: `Alerts for ${symbol}` }),
    async setAlert(price, side) {
      await card.getByRole("button", { name: `Set alert for ${symbol}`, exact: true }).click();
      await card.getByRole("spinbutton", { name: "Alert price" }).fill(price);
      await card.getByRole("radio", { name: side, exact: true }).check();
      await card.getByRole("button", { name: "Save alert", exact: true }).click();
    },
  };
}
