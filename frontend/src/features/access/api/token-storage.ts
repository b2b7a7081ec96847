import type { Logger } from "../../../lib/log.js";

/** TOKEN_KEY is the storage key of the access token, in sessionStorage or localStorage. */
export const TOKEN_KEY = "crypto-stream.access-token.v1";

/** SavedToken is a token found in storage and where it was. */
export interface SavedToken {
  readonly token: string;
  /** remembered is true when it is kept on this device (localStorage), not only in this tab. */
  readonly remembered: boolean;
}

/** TokenStorage keeps the access token across reloads; internal to the token store. */
export interface TokenStorage {
  load(): SavedToken | undefined;
  /** save keeps `token` in exactly one place: localStorage when remembered, else sessionStorage. */
  save(token: string, remembered: boolean): void;
  /** clear removes the token from both places. */
  clear(): void;
  /**
   * onOtherTabChange calls `listener` when another tab of this site writes or removes the token
   * in localStorage, or clears localStorage: the browser's `storage` event, which a tab never gets
   * for its own writes. Returns the unsubscribe.
   */
  onOtherTabChange(listener: () => void): () => void;
}

/**
 * createTokenStorage keeps the token in `session` (this tab, until it closes) or, when the person
 * asks to be remembered, in `local` (this device, until forgotten). Storage that throws (private
 * mode, quota, a sandbox) is logged and otherwise ignored: the token then lasts until the page
 * closes. Log lines never carry the token.
 */
export function createTokenStorage(places: { session: Storage; local: Storage }, log: Logger): TokenStorage {
  function attempt<T>(what: string, action: () => T): T | undefined {
    try {
      return action();
    } catch (err) {
      log.warn(`cannot ${what} the access token: ${err instanceof Error ? err.name : "storage error"}`);
      return undefined;
    }
  }
  return {
    load() {
      const local = attempt("read", () => places.local.getItem(TOKEN_KEY));
      if (local) return { token: local, remembered: true };
      const session = attempt("read", () => places.session.getItem(TOKEN_KEY));
      if (session) return { token: session, remembered: false };
      return undefined;
    },
    save(token, remembered) {
      const [keep, drop] = remembered ? [places.local, places.session] : [places.session, places.local];
      attempt("save", () => keep.setItem(TOKEN_KEY, token));
      attempt("clear", () => drop.removeItem(TOKEN_KEY));
    },
    clear() {
      attempt("clear", () => places.local.removeItem(TOKEN_KEY));
      attempt("clear", () => places.session.removeItem(TOKEN_KEY));
    },
    onOtherTabChange(listener) {
      const onStorage = (event: StorageEvent) => {
        // A null key: the other tab cleared the whole storage.
        if (event.storageArea === places.local && (event.key === TOKEN_KEY || event.key === null)) listener();
      };
      globalThis.addEventListener?.("storage", onStorage);
      return () => globalThis.removeEventListener?.("storage", onStorage);
    },
  };
}
