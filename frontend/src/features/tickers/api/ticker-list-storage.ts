import type { Logger } from "../../../lib/log.js";
import { readStoredJson, writeStoredJson } from "../../../lib/stored-json.js";
import { EXCHANGE_PATTERN } from "@crypto-stream/symbols/symbol.js";
import { parseSymbol } from "../model/symbol.js";

/** DEFAULT_TICKERS is what a first visit watches: bare, so on the server's default exchange. */
export const DEFAULT_TICKERS: readonly string[] = ["BTCUSD", "ETHUSD", "SOLUSD"];

const KEY = "crypto-stream.tickers.v1";
const DEFAULT_EXCHANGE_KEY = "crypto-stream.default-exchange.v1";

/** TickerListStorage keeps the user's tickers across reloads. */
export interface TickerListStorage {
  /** load is the saved list, or the first visit's. */
  load(): string[];
  /** loadDefaultExchange is the server's default exchange saved with the list, if any. */
  loadDefaultExchange(): string | undefined;
  /** save keeps `symbols` and, when known, the server's default exchange they were saved under. */
  save(symbols: readonly string[], defaultExchange?: string): void;
}

/**
 * createTickerListStorage keeps the ticker list in `storage` (localStorage in the app). A first
 * visit gets {@link DEFAULT_TICKERS}; an empty list the user left stays empty. Entries that are
 * not valid symbols any more are dropped. Saved entries name their exchange, so a list means the
 * same markets whatever the server's default; the default saved beside it only lets the next
 * visit show the server's short names at once. A bare entry (a first visit, or a list saved before
 * the server named its default) means the server's default exchange. Storage that throws
 * (private mode, quota) is logged and otherwise ignored: the page still works, it just forgets.
 */
export function createTickerListStorage(storage: Storage, log: Logger): TickerListStorage {
  return {
    load() {
      const stored = readStoredJson(storage, KEY, log, "tickers");
      if (stored.kind === "none" || stored.kind === "unavailable") return [...DEFAULT_TICKERS];
      const saved = stored.kind === "read" ? stored.value : undefined;
      if (!Array.isArray(saved)) {
        log.warn("saved tickers are unreadable; starting with the defaults");
        return [...DEFAULT_TICKERS];
      }
      const symbols = new Set<string>();
      for (const item of saved) {
        const parsed = typeof item === "string" ? parseSymbol(item, undefined) : undefined;
        if (parsed?.ok) symbols.add(parsed.symbol);
      }
      return [...symbols];
    },
    loadDefaultExchange() {
      try {
        const saved = storage.getItem(DEFAULT_EXCHANGE_KEY);
        return saved !== null && EXCHANGE_PATTERN.test(saved) ? saved : undefined;
      } catch {
        // load() has said the storage cannot be read; the server will name its default anyway.
        return undefined;
      }
    },
    save(symbols, defaultExchange) {
      if (!writeStoredJson(storage, KEY, symbols, log, "tickers") || defaultExchange === undefined) return;
      try {
        storage.setItem(DEFAULT_EXCHANGE_KEY, defaultExchange);
      } catch (err) {
        log.warn(`cannot save tickers: ${String(err)}`);
      }
    },
  };
}
