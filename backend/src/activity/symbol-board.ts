/**
 * What the status report says about each watched symbol beyond what the hub holds: when it was
 * first watched and its page opened, its last price, how often its page was reloaded or reopened,
 * and what last went wrong. An entry lives from the symbol's first subscriber to its release, so
 * memory is bounded by the symbols the hub holds.
 */

/** SymbolDetails is one watched symbol's history on this instance. */
export interface SymbolDetails {
  readonly watchedSince: Date;
  /** pageOpenedAt: when the page reading it now opened here; undefined while none is open here. */
  readonly pageOpenedAt: Date | undefined;
  /** lastPrice is "" before the first price. */
  readonly lastPrice: string;
  readonly lastChangedAt: Date | undefined;
  readonly reloads: number;
  readonly reopens: number;
  /** lastProblem is "" while nothing has gone wrong. */
  readonly lastProblem: string;
  readonly lastProblemAt: Date | undefined;
}

/** SymbolBoard is fed by the activity mappers and read by the status report. */
export interface SymbolBoard {
  get(symbol: string): SymbolDetails | undefined;
  has(symbol: string): boolean;
  /** watched starts an entry (no-op when there is one). */
  watched(symbol: string, at: Date): void;
  released(symbol: string): void;
  price(symbol: string, price: string, at: Date): void;
  problem(symbol: string, words: string, at: Date): void;
  pageOpened(symbol: string, at: Date): void;
  pageReloaded(symbol: string): void;
  pageClosed(symbol: string): void;
}

type Entry = { -readonly [K in keyof SymbolDetails]: SymbolDetails[K] } & { pagesOpened: number };

/** createSymbolBoard makes an empty board. Updates for symbols it does not hold are ignored. */
export function createSymbolBoard(): SymbolBoard {
  const entries = new Map<string, Entry>();
  const update = (symbol: string, change: (entry: Entry) => void) => {
    const entry = entries.get(symbol);
    if (entry) change(entry);
  };
  return {
    get: (symbol) => {
      const entry = entries.get(symbol);
      return entry && { ...entry };
    },
    has: (symbol) => entries.has(symbol),
    watched(symbol, at) {
      if (entries.has(symbol)) return;
      entries.set(symbol, {
        watchedSince: at,
        pageOpenedAt: undefined,
        lastPrice: "",
        lastChangedAt: undefined,
        reloads: 0,
        reopens: 0,
        lastProblem: "",
        lastProblemAt: undefined,
        pagesOpened: 0,
      });
    },
    released: (symbol) => void entries.delete(symbol),
    price: (symbol, price, at) =>
      update(symbol, (entry) => {
        entry.lastPrice = price;
        entry.lastChangedAt = at;
      }),
    problem: (symbol, words, at) =>
      update(symbol, (entry) => {
        entry.lastProblem = words;
        entry.lastProblemAt = at;
      }),
    pageOpened: (symbol, at) =>
      update(symbol, (entry) => {
        if (entry.pagesOpened > 0) entry.reopens++;
        entry.pagesOpened++;
        entry.pageOpenedAt = at;
      }),
    pageReloaded: (symbol) => update(symbol, (entry) => void entry.reloads++),
    pageClosed: (symbol) => update(symbol, (entry) => void (entry.pageOpenedAt = undefined)),
  };
}
