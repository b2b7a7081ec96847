import { consoleLogger, type Logger } from "../../../lib/log.js";
import type { TokenStorage } from "./token-storage.js";

/**
 * AccessStatus is where the page stands with the server's access token.
 * - none: no token, and no call has been refused for want of one (most servers need none)
 * - required: a call without a token was refused: the person must give one
 * - checking: a token is in use and no call with it has been answered yet
 * - accepted: a call with the token was answered
 * - refused: a call with the token was refused; the token was forgotten
 */
export type AccessStatus = "none" | "required" | "checking" | "accepted" | "refused";

/** AccessSnapshot is what the page shows about access. It never holds the token itself. */
export interface AccessSnapshot {
  readonly status: AccessStatus;
  /** remembered is true when the token is kept on this device rather than only in this tab. */
  readonly remembered: boolean;
}

/**
 * TokenStore holds the page's one access token. The bearer interceptor reads it for every call
 * and reports back how the server took it; the page shows the snapshot and saves or forgets.
 */
export interface TokenStore {
  /** token is what calls carry now, or undefined. Never log or render it. */
  token(): string | undefined;
  getSnapshot(): AccessSnapshot;
  /** subscribe registers `listener` for snapshot changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /**
   * onTokenChange registers `listener` for a token saved or forgotten by the person: calls made
   * from then on carry a different token. A token the server refused is dropped without it, so a
   * listener that reconnects cannot loop. Returns the unsubscribe.
   */
  onTokenChange(listener: () => void): () => void;
  /** save uses `token` from now on, kept in this tab, or on this device when `remember`. */
  save(token: string, options: { remember: boolean }): void;
  /** forget drops the token from memory and storage. */
  forget(): void;
  /** answered: a call that carried `token` (undefined: none) got an answer. */
  answered(token: string | undefined): void;
  /** unauthenticated: a call that carried `token` (undefined: none) was refused as UNAUTHENTICATED. */
  unauthenticated(token: string | undefined): void;
  /** close stops following other tabs (see createTokenStore); the store works on. Idempotent. */
  close(): void;
}

/**
 * createTokenStore makes the store, starting with the token `storage` holds, if any. Reports about
 * a token other than the current one are ignored: they come from calls made before it changed.
 * When another tab changes or forgets the remembered token, this tab takes what a reload would
 * find, as a token change. Whoever makes the store closes it; the page's lives as long as the page.
 */
export function createTokenStore(options: { storage: TokenStorage; log?: Logger }): TokenStore {
  const { storage } = options;
  const log = options.log ?? consoleLogger;
  const saved = storage.load();
  let token = saved?.token;
  let snapshot: AccessSnapshot = { status: token === undefined ? "none" : "checking", remembered: saved?.remembered ?? false };
  const listeners = new Set<{ listener: () => void }>();
  const tokenListeners = new Set<{ listener: () => void }>();

  function set(status: AccessStatus, remembered = snapshot.remembered): void {
    if (status === snapshot.status && remembered === snapshot.remembered) return;
    snapshot = { status, remembered };
    for (const entry of [...listeners]) entry.listener();
  }
  function tokenChanged(): void {
    for (const entry of [...tokenListeners]) entry.listener();
  }
  function add(group: Set<{ listener: () => void }>, listener: () => void): () => void {
    const entry = { listener };
    group.add(entry);
    return () => void group.delete(entry);
  }
  /** adoptStored follows another tab: only a different token is a change; else at most `remembered` is. */
  function adoptStored(): void {
    const stored = storage.load();
    if (stored?.token === token) {
      if (stored !== undefined) set(snapshot.status, stored.remembered);
      return;
    }
    token = stored?.token;
    log.info(`access token ${stored === undefined ? "forgotten" : "changed"} in another tab`);
    set(stored === undefined ? "none" : "checking", stored?.remembered ?? false);
    tokenChanged();
  }
  let stopFollowing: (() => void) | undefined = storage.onOtherTabChange(adoptStored);

  return {
    token: () => token,
    getSnapshot: () => snapshot,
    subscribe: (listener) => add(listeners, listener),
    onTokenChange: (listener) => add(tokenListeners, listener),
    save(next, { remember }) {
      token = next;
      storage.save(next, remember);
      log.info(`access token saved ${remember ? "on this device" : "for this tab"}`);
      set("checking", remember);
      tokenChanged();
    },
    forget() {
      if (token === undefined) return;
      token = undefined;
      storage.clear();
      log.info("access token forgotten");
      set("none", false);
      tokenChanged();
    },
    answered(sent) {
      if (sent === undefined || sent !== token || snapshot.status !== "checking") return;
      log.info("access token accepted");
      set("accepted");
    },
    unauthenticated(sent) {
      if (sent !== token) return;
      if (sent === undefined) {
        if (snapshot.status !== "required" && snapshot.status !== "refused") {
          log.warn("this server needs an access token: waiting for one");
        }
        // After a refusal, keep saying so until the person tries again.
        if (snapshot.status !== "refused") set("required");
        return;
      }
      token = undefined;
      storage.clear();
      log.warn("access token refused by the server: forgotten");
      set("refused", false);
    },
    close() {
      stopFollowing?.();
      stopFollowing = undefined;
    },
  };
}
