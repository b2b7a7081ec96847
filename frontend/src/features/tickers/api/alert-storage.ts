import type { Logger } from "../../../lib/log.js";
import { readStoredJson, writeStoredJson } from "../../../lib/stored-json.js";
import { compareDecimal } from "../model/decimal.js";
import type { PriceAlert } from "../model/alert.js";

const KEY = "crypto-stream.alerts.v1";

/** SavedAlerts are the alerts by symbol, each symbol as the ticker list saves it (exchange named). */
export type SavedAlerts = Readonly<Record<string, readonly PriceAlert[]>>;

/** AlertStorage keeps the alerts across reloads, beside the ticker list (ticker-list-storage.ts). */
export interface AlertStorage {
  /** load is what was saved; nothing on a first visit or when it is unreadable. */
  load(): SavedAlerts;
  save(alerts: SavedAlerts): void;
}

/**
 * createAlertStorage keeps the alerts in `storage` (localStorage in the app) under a versioned
 * key. Entries that do not read as alerts are dropped one by one; fields of older versions (an
 * `armed` flag from when the grid ran the rule) are ignored. Storage that throws is logged
 * and otherwise ignored, as for the ticker list: the alerts then last as long as the page.
 */
export function createAlertStorage(storage: Storage, log: Logger): AlertStorage {
  return {
    load() {
      const stored = readStoredJson(storage, KEY, log, "alerts");
      if (stored.kind === "not-json") log.warn("saved alerts are unreadable; starting with none");
      if (stored.kind !== "read") return {};
      const saved = stored.value;
      if (typeof saved !== "object" || saved === null || Array.isArray(saved)) return {};
      const alerts: Record<string, PriceAlert[]> = {};
      for (const [symbol, list] of Object.entries(saved)) {
        const kept = Array.isArray(list) ? list.filter(isAlert).map(pick) : [];
        if (kept.length > 0) alerts[symbol] = kept;
      }
      return alerts;
    },
    save(alerts) {
      writeStoredJson(storage, KEY, alerts, log, "alerts");
    },
  };
}

function isAlert(value: unknown): value is PriceAlert {
  if (typeof value !== "object" || value === null) return false;
  const alert = value as Record<string, unknown>;
  const fired = alert.fired as Record<string, unknown> | undefined;
  return (
    typeof alert.id === "string" &&
    (alert.direction === "above" || alert.direction === "below") &&
    typeof alert.level === "string" &&
    compareDecimal(alert.level, "0") === 1 &&
    (alert.refused === undefined || typeof alert.refused === "string") &&
    (fired === undefined ||
      (typeof fired === "object" && fired !== null && typeof fired.price === "string" && typeof fired.at === "number"))
  );
}

/** pick keeps a saved alert's known fields only. */
function pick(alert: PriceAlert): PriceAlert {
  const { id, direction, level, fired, refused } = alert;
  return { id, direction, level, ...(fired === undefined ? {} : { fired: { price: fired.price, at: fired.at } }), ...(refused === undefined ? {} : { refused }) };
}
