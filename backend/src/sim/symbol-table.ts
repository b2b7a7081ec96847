/**
 * @internal The market's symbols: one SymbolState per exchange and ticker (sim-symbol.ts), made on
 * first use; a bare ticker is BINANCE's. Only the sim market's own files use it.
 */
import { CATALOG, type PairSpec } from "./catalog.js";
import { UnknownTickerError } from "./sim-market.js";
import { isExchangeName, simSymbol } from "./sim-symbol.js";
import { createSymbolState, type SymbolStart, type SymbolState } from "./symbol-state.js";

/** @internal SymbolTable finds or makes the state of a ticker; it never removes one. */
export interface SymbolTable {
  /** isKnown says whether the catalog has `ticker` (`TICKER` or `EXCHANGE:TICKER`) on a plausible exchange. */
  isKnown(ticker: string): boolean;
  /** specOf is the catalog's pair for `ticker`, undefined for an unknown ticker. */
  specOf(ticker: string): PairSpec | undefined;
  /** find is the state of `ticker` if one was made, without making one. */
  find(ticker: string): SymbolState | undefined;
  /** stateOf is the state of `ticker`, made on first use; unknown tickers get one too (page steering). */
  stateOf(ticker: string): SymbolState;
  /**
   * knownStateOf is stateOf for a ticker the catalog has.
   * @throws UnknownTickerError for an unknown ticker.
   */
  knownStateOf(ticker: string): SymbolState;
  /** states is every state made so far. */
  states(): Iterable<SymbolState>;
}

/** @internal createSymbolTable makes an empty table whose states start from `start`. */
export function createSymbolTable(start: SymbolStart): SymbolTable {
  const symbols = new Map<string, SymbolState>();
  const keyOf = (ticker: string) => simSymbol(ticker).key;
  const specOf = (ticker: string) => {
    const symbol = simSymbol(ticker);
    return isExchangeName(symbol.exchange) ? CATALOG.get(symbol.ticker) : undefined;
  };
  function stateOf(ticker: string): SymbolState {
    const symbol = simSymbol(ticker);
    let state = symbols.get(symbol.key);
    if (!state) {
      state = createSymbolState(symbol, specOf(ticker), start);
      symbols.set(symbol.key, state);
    }
    return state;
  }
  return {
    isKnown: (ticker) => specOf(ticker) !== undefined,
    specOf,
    find: (ticker) => symbols.get(keyOf(ticker)),
    stateOf,
    knownStateOf(ticker) {
      if (!specOf(ticker)) throw new UnknownTickerError(ticker);
      return stateOf(ticker);
    },
    states: () => symbols.values(),
  };
}
