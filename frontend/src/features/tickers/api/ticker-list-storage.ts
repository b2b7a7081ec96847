import type { Logger } from "../../../lib/log.js";
import { parseSymbol } from "../model/symbol.js";

/** DEFAULT_TICKERS is what a first visit watches: bare, so on the server's default exchange. */
export const DEFAULT_TICKERS: readonly string[] = ["BTCUSD", "ETHUSD", "SOLUSD"];

const KEY = "crypto-stream.tickers.v1";

/** TickerListStorage keeps the user's tickers across reloads. */
export interface TickerListStorage {
  load(): string[];
  save(symbols: readonly string[]): void;
}

/**
 * createTickerListStorage keeps the ticker list in `storage` (localStorage in the app). A first
 * visit gets {@link DEFAULT_TICKERS}; an empty list the user left stays empty. Entries that are
 * not valid symbols any more are dropped. Entries keep the exchange they name; a bare one (from a
 * list saved before the server named its default) means the server's default exchange. Storage that throws (private mode, quota) is logged and
 * otherwise ignored: the page still works, it just forgets.
 */
export function createTickerListStorage(storage: Storage, log: Logger): TickerListStorage {
  return {
    load() {
      let raw: string | null;
      try {
        raw = storage.getItem(KEY);
      } catch (err) {
        log.warn(`cannot read saved tickers: ${String(err)}`);
        return [...DEFAULT_TICKERS];
      }
      if (raw === null) return [...DEFAULT_TICKERS];
      let saved: unknown;
      try {
        saved = JSON.parse(raw);
      } catch {
        saved = undefined;
      }
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
    save(symbols) {
      try {
        storage.setItem(KEY, JSON.stringify(symbols));
      } catch (err) {
        log.warn(`cannot save tickers: ${String(err)}`);
      }
    },
  };
}
