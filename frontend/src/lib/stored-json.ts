import type { Logger } from "./log.js";

/**
 * StoredJson is what one key of the page's storage held: nothing, text that is not JSON, storage
 * that threw (already logged), or the parsed value, which the caller still has to check.
 */
export type StoredJson =
  | { readonly kind: "none" }
  | { readonly kind: "not-json" }
  | { readonly kind: "unavailable" }
  | { readonly kind: "read"; readonly value: unknown };

/**
 * readStoredJson reads `key` from `storage` (localStorage in the app) as JSON. Storage that throws
 * (private mode, a denied quota) is logged as `cannot read saved {what}: …` and reads as
 * unavailable; text that is not JSON is not logged here, since the caller says what it falls back to.
 */
export function readStoredJson(storage: Storage, key: string, log: Logger, what: string): StoredJson {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch (err) {
    log.warn(`cannot read saved ${what}: ${String(err)}`);
    return { kind: "unavailable" };
  }
  if (raw === null) return { kind: "none" };
  try {
    return { kind: "read", value: JSON.parse(raw) as unknown };
  } catch {
    return { kind: "not-json" };
  }
}

/**
 * writeStoredJson saves `value` under `key` as JSON and says whether it could. Storage that throws
 * is logged as `cannot save {what}: …` and otherwise ignored: the page then forgets on reload.
 */
export function writeStoredJson(storage: Storage, key: string, value: unknown, log: Logger, what: string): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch (err) {
    log.warn(`cannot save ${what}: ${String(err)}`);
    return false;
  }
}
