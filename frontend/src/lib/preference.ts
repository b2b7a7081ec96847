import { createListeners } from "./listeners.js";
import type { Logger } from "./log.js";

/** Preference is one remembered choice of the person at the page. */
export interface Preference<T> {
  /** subscribe registers `listener` for changes. @returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** get is the choice, the saved one or the fallback. */
  get(): T;
  /** set changes the choice and remembers it. */
  set(value: T): void;
}

/**
 * createPreference reads `key` from `storage` (localStorage in the app) through `parse`, which
 * says undefined for anything it does not know (then `fallback()` holds), and saves each change
 * there as text. Storage that throws is logged and otherwise ignored: the choice then lasts as
 * long as the page.
 */
export function createPreference<T extends string>(options: {
  storage: Storage;
  log: Logger;
  key: string;
  parse: (saved: string) => T | undefined;
  fallback: () => T;
}): Preference<T> {
  const { storage, log, key } = options;
  let saved: T | undefined;
  try {
    const raw = storage.getItem(key);
    saved = raw === null ? undefined : options.parse(raw);
  } catch (err) {
    log.warn(`cannot read the saved ${key}: ${String(err)}`);
  }
  let value = saved ?? options.fallback();
  const listeners = createListeners();
  return {
    subscribe: listeners.subscribe,
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      try {
        storage.setItem(key, next);
      } catch (err) {
        log.warn(`cannot save the ${key}: ${String(err)}`);
      }
      listeners.notify();
    },
  };
}

/** oneOf is a `parse` for a choice among fixed names: the saved text if it is one of them. */
export function oneOf<T extends string>(...names: readonly T[]): (saved: string) => T | undefined {
  return (saved) => names.find((name) => name === saved);
}
