import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { BrowserState, ServerMode } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createFakeStatusService } from "../testing/fake-status-service.js";
import { createFakeTokenChanges } from "../testing/fake-token-changes.js";
import { createStatusStore } from "./status-store.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const fastBackoff = { initialMs: 5, maxMs: 5, jitter: 0 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createStatusStore", () => {
  it("when listened to, then it polls GetStatus, shows its rows, and stops when the last listener leaves", async () => {
    const fake = createFakeStatusService();
    fake.status = {
      server: { version: "0.1.0", mode: ServerMode.DEMO, openStreams: 2, clients: 1 },
      browser: { state: BrowserState.UP, pagesOpen: 1 },
      symbols: [
        {
          symbol: "LINKUSD",
          state: SymbolState.LIVE,
          subscribers: 2,
          pageOpenedAt: timestampFromMs(1_000),
          lastChangedAt: timestampFromMs(5_000),
        },
      ],
      generatedAt: timestampFromMs(6_000),
    };
    const store = createStatusStore({ transport: fake.transport, log: quiet, intervalMs: 10 });
    expect(store.getSnapshot().phase).toBe("loading");
    expect(fake.getStatusCalls).toBe(0);

    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().phase).toBe("ok"));
    expect(store.getSnapshot()).toEqual({
      phase: "ok",
      problem: undefined,
      updatedAtMs: 6_000,
      server: { version: "0.1.0", mode: "demo", browser: "up", pagesOpen: 1, openStreams: 2, clients: 1 },
      symbols: [
        { symbol: "LINKUSD", state: "live", subscribers: 2, pageOpenedAtMs: 1_000, lastChangedAtMs: 5_000, problem: "" },
      ],
    });
    fake.status = { symbols: [] };
    await vi.waitFor(() => expect(store.getSnapshot().symbols).toEqual([]));
    expect(fake.getStatusCalls).toBeGreaterThanOrEqual(2);

    unsubscribe();
    const calls = fake.getStatusCalls;
    await pause(50);
    expect(fake.getStatusCalls).toBe(calls);
    expect(store.getSnapshot().phase).toBe("loading");
  });

  it("when the view closes while a call is in flight, then the call is aborted", async () => {
    const fake = createFakeStatusService();
    fake.hold = true;
    const store = createStatusStore({ transport: fake.transport, log: quiet, intervalMs: 10 });
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(fake.inFlight).toBe(1));
    unsubscribe();
    await vi.waitFor(() => expect(fake.getStatusAborted).toBe(1));
    expect(fake.inFlight).toBe(0);
    fake.hold = false;
    await pause(30);
    expect(fake.getStatusCalls).toBe(1);
    expect(store.getSnapshot().phase).toBe("loading");
  });

  it("when asked to refresh during a call, then exactly one more call follows at once", async () => {
    const fake = createFakeStatusService();
    const store = createStatusStore({ transport: fake.transport, log: quiet, intervalMs: 60_000 });
    fake.hold = true;
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(fake.inFlight).toBe(1));
    store.refresh();
    store.refresh();
    fake.hold = false;
    await vi.waitFor(() => expect(fake.getStatusCalls).toBe(2));
    await pause(30);
    expect(fake.getStatusCalls).toBe(2);
    store.refresh();
    await vi.waitFor(() => expect(fake.getStatusCalls).toBe(3));
    unsubscribe();
  });

  it("when a call fails, then the last rows stay, the problem shows and it asks again after the backoff", async () => {
    const fake = createFakeStatusService();
    fake.status = { symbols: [{ symbol: "BTCUSD", state: SymbolState.LIVE, subscribers: 1 }] };
    const store = createStatusStore({ transport: fake.transport, log: quiet, intervalMs: 10, backoff: fastBackoff });
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().phase).toBe("ok"));
    fake.failure = new ConnectError("server going away", Code.Unavailable);
    await vi.waitFor(() => expect(store.getSnapshot().phase).toBe("retrying"));
    expect(store.getSnapshot()).toMatchObject({ problem: "server going away", symbols: [{ symbol: "BTCUSD" }] });
    fake.failure = undefined;
    await vi.waitFor(() => expect(store.getSnapshot()).toMatchObject({ phase: "ok", problem: undefined }));
    unsubscribe();
  });

  it("when the server wants a token, then it waits without asking again until the token changes", async () => {
    const fake = createFakeStatusService();
    fake.requiredToken = "secret";
    const tokens = createFakeTokenChanges();
    const store = createStatusStore({ transport: fake.transport, log: quiet, intervalMs: 5, tokenChanges: tokens.tokenChanges });
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().phase).toBe("unauthenticated"));
    store.refresh();
    await pause(50);
    expect(fake.getStatusCalls).toBe(1);

    fake.requiredToken = undefined;
    tokens.change();
    await vi.waitFor(() => expect(store.getSnapshot().phase).toBe("ok"));
    unsubscribe();
    expect(tokens.listening()).toBe(0);
  });
});
