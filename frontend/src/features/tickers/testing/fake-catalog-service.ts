import { Code, ConnectError, createRouterTransport, type Transport } from "@connectrpc/connect";
import { CatalogService } from "@crypto-stream/gen/cryptostream/v1/catalog_service_pb.js";

/**
 * Test-only: an in-memory CatalogService behind `createRouterTransport`. It answers
 * SearchSymbols from `entries` by a plain case-insensitive "contains" (the real ranking is the
 * server's to test), records every request and whether the client aborted it, and can fail or
 * hold its answers until the test releases them.
 */

/** FakeEntry is one catalog entry the fake knows. */
export interface FakeEntry {
  readonly symbol: string;
  readonly name: string;
}

/** FakeSearch is one SearchSymbols call as the fake saw it. */
export interface FakeSearch {
  readonly query: string;
  readonly limit: number;
  /** aborted is true once the client cancelled the call. */
  readonly aborted: boolean;
}

/** FakeCatalogService is the fake and what it has seen. */
export interface FakeCatalogService {
  readonly transport: Transport;
  readonly searches: readonly FakeSearch[];
  /** failWith, when set, is the error every call ends with. */
  failWith?: ConnectError;
  /** hold, when true, keeps each answer until `release` is called. */
  hold: boolean;
  /** release answers every held call. */
  release(): void;
}

/** createFakeCatalogService makes the fake over `entries`. */
export function createFakeCatalogService(entries: readonly FakeEntry[]): FakeCatalogService {
  const searches: { query: string; limit: number; aborted: boolean }[] = [];
  const held: (() => void)[] = [];
  const fake: FakeCatalogService = {
    transport: createRouterTransport(({ service }) => {
      service(CatalogService, {
        async searchSymbols(request, context) {
          const seen = { query: request.query, limit: request.limit, aborted: false };
          searches.push(seen);
          context.signal.addEventListener("abort", () => (seen.aborted = true));
          if (fake.hold) await new Promise<void>((resolve) => held.push(resolve));
          if (fake.failWith !== undefined) throw fake.failWith;
          if (context.signal.aborted) throw new ConnectError("cancelled", Code.Canceled);
          const query = request.query.trim().toLowerCase();
          const found = entries.filter((e) => e.symbol.toLowerCase().includes(query) || e.name.toLowerCase().includes(query));
          return { entries: found.slice(0, request.limit).map((e) => ({ ...e, exchange: "BINANCE", base: "", quote: "" })) };
        },
      });
    }),
    searches,
    hold: false,
    release() {
      for (const resolve of held.splice(0)) resolve();
    },
  };
  return fake;
}
