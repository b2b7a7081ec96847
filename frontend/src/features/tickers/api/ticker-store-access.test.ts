import type { Interceptor } from "@connectrpc/connect";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createFakePriceService } from "../testing/fake-price-service.js";
import { createTickerStore } from "./ticker-store.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const TOKEN = "correct-horse-battery-staple";

/**
 * A store on a fake that needs TOKEN. The page's token store is stood in for by a variable, an
 * interceptor that sends it, and the `tokenChanges` hook the store is given.
 */
function setup(options: { token?: string } = {}) {
  let token = options.token;
  const listeners = new Set<() => void>();
  const sendToken: Interceptor = (next) => (req) => {
    if (token !== undefined) req.header.set("Authorization", `Bearer ${token}`);
    return next(req);
  };
  const tokens = {
    save(next: string | undefined) {
      token = next;
      for (const listener of [...listeners]) listener();
    },
    forget: () => tokens.save(undefined),
  };
  const fake = createFakePriceService({ interceptors: [sendToken] });
  fake.requiredToken = TOKEN;
  const store = createTickerStore({
    transport: fake.transport,
    initialSymbols: ["BTCUSD"],
    log: quiet,
    random: () => 0.5,
    tokenChanges(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  });
  const unsubscribe = store.subscribe(() => {});
  return { tokens, listeners, fake, store, unsubscribe };
}

/** settle lets the in-memory transport's promises run while fake timers hold the clock. */
async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the ticker store on a server that needs an access token", () => {
  it("when Watch is refused as UNAUTHENTICATED, then it waits without retrying, however long", async () => {
    vi.useFakeTimers();
    const { fake, store, unsubscribe } = setup();
    await settle();
    expect(store.getSnapshot().connection).toBe("unauthenticated");
    // Never started, so nothing was interrupted: the card keeps saying it is loading.
    expect(store.getSnapshot().tickers.map((t) => t.phase)).toEqual(["loading"]);
    await settle(10 * 60_000);
    globalThis.dispatchEvent(new Event("online"));
    await settle(60_000);
    expect(fake.calls).toEqual([{ method: "Watch", authorization: null, refused: true }]);
    unsubscribe();
  });

  it("when a token is given while it waits, then a Watch with it opens at once and prices flow", async () => {
    vi.useFakeTimers();
    const { tokens, fake, store, unsubscribe } = setup();
    await settle();
    tokens.save(TOKEN);
    expect(store.getSnapshot().connection).toBe("connecting");
    await settle();
    expect(store.getSnapshot().connection).toBe("live");
    expect(fake.latest().authorization).toBe(`Bearer ${TOKEN}`);
    fake.latest().quote("BTCUSD", "97123.45");
    await settle();
    expect(store.getSnapshot().tickers[0]).toMatchObject({ phase: "live", price: "97123.45" });
    const watch = fake.latest();
    unsubscribe();
    await settle();
    expect(watch.aborted).toBe(true);
  });

  it("when the token is forgotten while live, then the stream is replaced, refused, and the store waits", async () => {
    vi.useFakeTimers();
    const { tokens, fake, store, unsubscribe } = setup({ token: TOKEN });
    await settle();
    fake.latest().quote("BTCUSD", "100");
    await settle();
    const first = fake.latest();
    tokens.forget();
    await settle();
    expect(first.aborted).toBe(true);
    expect(store.getSnapshot().connection).toBe("unauthenticated");
    expect(store.getSnapshot().tickers[0]).toMatchObject({ phase: "reconnecting", price: "100", stale: true });
    await settle(120_000);
    expect(fake.calls.map((call) => call.refused)).toEqual([false, true]);
    unsubscribe();
  });

  it("when UpdateWatch is refused as UNAUTHENTICATED, then the stream is closed and the store waits", async () => {
    vi.useFakeTimers();
    const { fake, store, unsubscribe } = setup({ token: TOKEN });
    await settle();
    const first = fake.latest();
    fake.requiredToken = "a-token-changed-on-the-server";
    store.add("ETHUSD");
    await settle(120_000);
    expect(first.aborted).toBe(true);
    expect(store.getSnapshot().connection).toBe("unauthenticated");
    expect(fake.calls.map((call) => [call.method, call.refused])).toEqual([
      ["Watch", false],
      ["UpdateWatch", true],
    ]);
    unsubscribe();
  });

  it("when the last subscriber has left, then a new token opens nothing", async () => {
    vi.useFakeTimers();
    const { tokens, listeners, fake, unsubscribe } = setup();
    await settle();
    expect(listeners.size).toBe(1);
    unsubscribe();
    expect(listeners.size).toBe(0);
    tokens.save(TOKEN);
    await settle(60_000);
    expect(fake.calls).toHaveLength(1);
  });
});
