import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { CatalogService } from "@crypto-stream/gen/cryptostream/v1/catalog_service_pb.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createFakeCatalogService } from "../testing/fake-catalog-service.js";
import { createSymbolSearch, DEBOUNCE_MS, MAX_QUERY_LENGTH, SUGGESTION_LIMIT } from "./symbol-search.js";

const CATALOG = [
  { symbol: "ETHUSD", name: "Ethereum / U.S. Dollar" },
  { symbol: "ETHUSDT", name: "Ethereum / Tether" },
  { symbol: "COINBASE:ETHUSD", name: "Ethereum / U.S. Dollar" },
  { symbol: "BTCUSD", name: "Bitcoin / U.S. Dollar" },
];

function setup() {
  const fake = createFakeCatalogService(CATALOG);
  const client = createClient(CatalogService, fake.transport);
  const warnings: string[] = [];
  const log: Logger = { info() {}, warn: (m) => warnings.push(m), error() {} };
  const store = createSymbolSearch({ search: (request, options) => client.searchSymbols(request, options), log });
  const listener = vi.fn();
  const unsubscribe = store.subscribe(listener);
  return { fake, store, warnings, listener, unsubscribe };
}

/** settle lets the debounce run out and the in-memory call answer. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
  for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(0);
}

describe("createSymbolSearch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("when typing pauses, then one search is sent for the last text and its suggestions show with names", async () => {
    const { fake, store, unsubscribe } = setup();
    store.typed("e");
    store.typed("et");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    expect(fake.searches).toEqual([]);
    store.typed("eth ");
    await settle();
    expect(fake.searches.map((s) => [s.query, s.limit])).toEqual([["eth", SUGGESTION_LIMIT]]);
    const snapshot = store.getSnapshot();
    expect(snapshot.open).toBe(true);
    expect(snapshot.active).toBe(-1);
    expect(snapshot.entries.map((e) => e.label)).toEqual([
      "ETHUSD — Ethereum / U.S. Dollar",
      "ETHUSDT — Ethereum / Tether",
      "COINBASE:ETHUSD — Ethereum / U.S. Dollar",
    ]);
    unsubscribe();
  });

  it("when the text changes while a search runs, then that search is aborted and its answer never shows", async () => {
    const { fake, store, unsubscribe } = setup();
    fake.hold = true;
    store.typed("btc");
    await settle();
    expect(fake.searches).toHaveLength(1);
    store.typed("eth");
    expect(fake.searches[0]!.aborted).toBe(true);
    fake.hold = false;
    fake.release();
    await settle();
    expect(fake.searches.map((s) => s.query)).toEqual(["btc", "eth"]);
    expect(store.getSnapshot().entries.map((e) => e.symbol)).toEqual(["ETHUSD", "ETHUSDT", "COINBASE:ETHUSD"]);
    unsubscribe();
  });

  it("when the arrows move, then the highlight wraps both ways, and close forgets it and hides the list", async () => {
    const { store, unsubscribe } = setup();
    store.typed("eth");
    await settle();
    store.move(1);
    expect(store.activeEntry()?.symbol).toBe("ETHUSD");
    store.move(-1);
    expect(store.activeEntry()?.symbol).toBe("COINBASE:ETHUSD");
    store.move(1);
    expect(store.getSnapshot().active).toBe(0);
    store.close();
    expect(store.getSnapshot()).toMatchObject({ open: false, active: -1 });
    expect(store.activeEntry()).toBeUndefined();
    store.move(-1);
    expect(store.getSnapshot()).toMatchObject({ open: true, active: 2 });
    unsubscribe();
  });

  it("when the text is blank or longer than the server accepts, then nothing is sent and the list closes", async () => {
    const { fake, store, unsubscribe } = setup();
    store.typed("eth");
    await settle();
    store.typed("   ");
    await settle();
    expect(store.getSnapshot().open).toBe(false);
    store.typed("E".repeat(MAX_QUERY_LENGTH + 1));
    await settle();
    expect(fake.searches.map((s) => s.query)).toEqual(["eth"]);
    expect(store.getSnapshot()).toMatchObject({ entries: [], open: false });
    unsubscribe();
  });

  it("when the search fails, then nothing shows, one line is logged with the code, and the next text searches again", async () => {
    const { fake, store, warnings, unsubscribe } = setup();
    fake.failWith = new ConnectError("missing or wrong API token", Code.Unauthenticated);
    store.typed("eth");
    await settle();
    expect(store.getSnapshot()).toMatchObject({ entries: [], open: false });
    expect(warnings).toEqual([`symbol search failed: ${Code.Unauthenticated}`]);
    fake.failWith = undefined;
    store.typed("btc");
    await settle();
    expect(store.getSnapshot().entries.map((e) => e.symbol)).toEqual(["BTCUSD"]);
    unsubscribe();
  });

  it("when nothing matches, then the list stays closed", async () => {
    const { store, unsubscribe } = setup();
    store.typed("FOOBARUSD");
    await settle();
    expect(store.getSnapshot()).toMatchObject({ entries: [], open: false });
    unsubscribe();
  });

  it("when the last listener leaves, then a running search is aborted and its answer is dropped", async () => {
    const { fake, store, listener, unsubscribe } = setup();
    fake.hold = true;
    store.typed("eth");
    await settle();
    unsubscribe();
    expect(fake.searches[0]!.aborted).toBe(true);
    fake.release();
    await settle();
    expect(store.getSnapshot().open).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });
});
