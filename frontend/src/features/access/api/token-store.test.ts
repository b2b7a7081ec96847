import { describe, expect, it } from "vitest";
// recorder keeps every log line, to prove none of them carries a token.
import { recordingLogger as recorder } from "../../../lib/testing/storage-doubles.js";
import { createTokenStorage, TOKEN_KEY } from "./token-storage.js";
import { createTokenStore, type TokenStore } from "./token-store.js";

const TOKEN = "correct-horse-battery-staple";
const OTHER = "an-older-token-0000000000";

function setup() {
  const { log, lines } = recorder();
  const storage = createTokenStorage({ session: sessionStorage, local: localStorage }, log);
  const tokens = createTokenStore({ storage, log });
  let changes = 0;
  let updates = 0;
  const stopChanges = tokens.onTokenChange(() => changes++);
  const stopUpdates = tokens.subscribe(() => updates++);
  const reloaded: TokenStore[] = [];
  return {
    tokens,
    lines,
    changes: () => changes,
    updates: () => updates,
    reload() {
      const store = createTokenStore({ storage, log });
      reloaded.push(store);
      return store;
    },
    stop() {
      stopChanges();
      stopUpdates();
      for (const store of [tokens, ...reloaded]) store.close();
    },
  };
}

const stored = () => ({ session: sessionStorage.getItem(TOKEN_KEY), local: localStorage.getItem(TOKEN_KEY) });

/**
 * inOtherTab makes a change as another tab of the site would: to localStorage, which this tab
 * then hears of by a `storage` event (a tab never hears its own writes, here as in browsers).
 */
function inOtherTab(change: (storage: Storage) => void, key: string | null = TOKEN_KEY, area = localStorage) {
  const oldValue = key === null ? null : area.getItem(key);
  change(area);
  const newValue = key === null ? null : area.getItem(key);
  dispatchEvent(new StorageEvent("storage", { key, oldValue, newValue, storageArea: area }));
}

describe("createTokenStore", () => {
  it("when nothing is stored, then there is no token and nothing is asked for", () => {
    const { tokens, stop } = setup();
    expect(tokens.token()).toBeUndefined();
    expect(tokens.getSnapshot()).toEqual({ status: "none", remembered: false });
    stop();
  });

  it("when a token is saved without Remember, then it lives in sessionStorage only and a reload finds it", () => {
    localStorage.setItem(TOKEN_KEY, OTHER); // a remembered one from before: replaced, not kept beside
    const { tokens, changes, reload, stop } = setup();
    tokens.save(TOKEN, { remember: false });
    expect(tokens.token()).toBe(TOKEN);
    expect(tokens.getSnapshot()).toEqual({ status: "checking", remembered: false });
    expect(stored()).toEqual({ session: TOKEN, local: null });
    expect(changes()).toBe(1);
    expect(reload().token()).toBe(TOKEN);
    expect(reload().getSnapshot()).toEqual({ status: "checking", remembered: false });
    stop();
  });

  it("when a token is saved with Remember, then it lives in localStorage only and a reload finds it", () => {
    sessionStorage.setItem(TOKEN_KEY, OTHER);
    const { tokens, reload, stop } = setup();
    tokens.save(TOKEN, { remember: true });
    expect(stored()).toEqual({ session: null, local: TOKEN });
    expect(reload().getSnapshot()).toEqual({ status: "checking", remembered: true });
    expect(reload().token()).toBe(TOKEN);
    stop();
  });

  it("when the token is forgotten, then it is gone from memory and both storages, and listeners hear of it", () => {
    const { tokens, changes, updates, reload, stop } = setup();
    tokens.save(TOKEN, { remember: true });
    tokens.forget();
    expect(tokens.token()).toBeUndefined();
    expect(tokens.getSnapshot()).toEqual({ status: "none", remembered: false });
    expect(stored()).toEqual({ session: null, local: null });
    expect(reload().token()).toBeUndefined();
    expect([changes(), updates()]).toEqual([2, 2]);
    tokens.forget(); // nothing to forget: nobody is told
    expect([changes(), updates()]).toEqual([2, 2]);
    stop();
  });

  it("when a call with the token is answered, then it is accepted, once", () => {
    const { tokens, lines, stop } = setup();
    tokens.save(TOKEN, { remember: false });
    tokens.answered(undefined);
    tokens.answered(OTHER);
    expect(tokens.getSnapshot().status).toBe("checking");
    tokens.answered(TOKEN);
    tokens.answered(TOKEN);
    expect(tokens.getSnapshot().status).toBe("accepted");
    expect(lines.filter((line) => line === "access token accepted")).toHaveLength(1);
    stop();
  });

  it("when a call without a token is refused, then a token is required, and saying so again changes nothing", () => {
    const { tokens, updates, changes, stop } = setup();
    tokens.unauthenticated(undefined);
    tokens.unauthenticated(undefined);
    expect(tokens.getSnapshot().status).toBe("required");
    expect([updates(), changes()]).toEqual([1, 0]);
    stop();
  });

  it("when the current token is refused, then it is forgotten everywhere without a token change", () => {
    const { tokens, changes, stop } = setup();
    tokens.save(TOKEN, { remember: true });
    tokens.unauthenticated(TOKEN);
    expect(tokens.token()).toBeUndefined();
    expect(tokens.getSnapshot()).toEqual({ status: "refused", remembered: false });
    expect(stored()).toEqual({ session: null, local: null });
    // Listeners that reconnect on a change would only be refused again: they are not called.
    expect(changes()).toBe(1);
    // A later call without a token keeps the refusal on screen until the person tries again.
    tokens.unauthenticated(undefined);
    expect(tokens.getSnapshot().status).toBe("refused");
    stop();
  });

  it("when a refusal or answer concerns a token that was since replaced, then it is ignored", () => {
    const { tokens, stop } = setup();
    tokens.save(OTHER, { remember: false });
    tokens.save(TOKEN, { remember: false });
    tokens.unauthenticated(OTHER);
    tokens.unauthenticated(undefined);
    expect(tokens.token()).toBe(TOKEN);
    expect(tokens.getSnapshot().status).toBe("checking");
    expect(stored().session).toBe(TOKEN);
    stop();
  });

  it("when storage throws, then the token still works for the page's life and no log line carries it", () => {
    const { log, lines } = recorder();
    const broken = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException(`quota exceeded saving ${TOKEN}`, "QuotaExceededError");
      },
      removeItem() {},
    } as unknown as Storage;
    const tokens = createTokenStore({ storage: createTokenStorage({ session: broken, local: broken }, log), log });
    tokens.save(TOKEN, { remember: false });
    expect(tokens.token()).toBe(TOKEN);
    expect(lines).toContain("cannot save the access token: QuotaExceededError");
    expect(lines.filter((line) => line.includes(TOKEN))).toEqual([]);
    tokens.close();
  });

  it("when a token goes through its whole life, then the log says each step and never the token", () => {
    const { tokens, lines, stop } = setup();
    tokens.unauthenticated(undefined);
    tokens.save(OTHER, { remember: false });
    tokens.unauthenticated(OTHER);
    tokens.save(TOKEN, { remember: true });
    tokens.answered(TOKEN);
    tokens.forget();
    expect(lines).toEqual([
      "this server needs an access token: waiting for one",
      "access token saved for this tab",
      "access token refused by the server: forgotten",
      "access token saved on this device",
      "access token accepted",
      "access token forgotten",
    ]);
    stop();
  });

  it("when another tab forgets the remembered token, then this tab forgets it too and listeners hear of it", () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const { tokens, changes, updates, lines, stop } = setup();
    inOtherTab((local) => local.removeItem(TOKEN_KEY));
    expect(tokens.token()).toBeUndefined();
    expect(tokens.getSnapshot()).toEqual({ status: "none", remembered: false });
    expect([changes(), updates()]).toEqual([1, 1]);
    expect(lines).toEqual(["access token forgotten in another tab"]);
    stop();
  });

  it("when another tab remembers a new token, then this tab uses it, unchecked, and listeners hear of it", () => {
    localStorage.setItem(TOKEN_KEY, OTHER);
    const { tokens, changes, lines, stop } = setup();
    tokens.answered(OTHER);
    inOtherTab((local) => local.setItem(TOKEN_KEY, TOKEN));
    expect(tokens.token()).toBe(TOKEN);
    expect(tokens.getSnapshot()).toEqual({ status: "checking", remembered: true });
    expect(changes()).toBe(1);
    expect(lines.at(-1)).toBe("access token changed in another tab");
    expect(lines.filter((line) => line.includes(TOKEN) || line.includes(OTHER))).toEqual([]);
    stop();
  });

  it("when another tab clears its storage, then a remembered token goes, and a token of this tab stays", () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const remembered = setup();
    inOtherTab((local) => local.clear(), null);
    expect(remembered.tokens.token()).toBeUndefined();
    expect(remembered.changes()).toBe(1);
    remembered.stop();

    sessionStorage.setItem(TOKEN_KEY, TOKEN);
    localStorage.setItem("crypto-stream.tickers.v1", "[]");
    const tabOnly = setup();
    inOtherTab((local) => local.clear(), null);
    expect(tabOnly.tokens.token()).toBe(TOKEN); // a reload would find it: nothing changed here
    expect([tabOnly.changes(), tabOnly.updates()]).toEqual([0, 0]);
    tabOnly.stop();
  });

  it("when another key or sessionStorage changes, then the token store is not concerned", () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const { tokens, changes, updates, stop } = setup();
    localStorage.removeItem(TOKEN_KEY); // as if this tab's own write, which raises no event
    inOtherTab((local) => local.setItem("crypto-stream.tickers.v1", "[]"), "crypto-stream.tickers.v1");
    inOtherTab((session) => session.setItem(TOKEN_KEY, OTHER), TOKEN_KEY, sessionStorage);
    expect(tokens.token()).toBe(TOKEN);
    expect([changes(), updates()]).toEqual([0, 0]);
    stop();
  });

  it("when the store is closed, then it stops following other tabs, and closing again is harmless", () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const { tokens, changes, stop } = setup();
    tokens.close();
    tokens.close();
    inOtherTab((local) => local.removeItem(TOKEN_KEY));
    expect(tokens.token()).toBe(TOKEN);
    expect(changes()).toBe(0);
    tokens.forget(); // the store itself works on
    expect(tokens.getSnapshot().status).toBe("none");
    stop();
  });
});
