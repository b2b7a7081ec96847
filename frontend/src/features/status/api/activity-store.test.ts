import { Code, ConnectError } from "@connectrpc/connect";
import { ActivityKind } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createFakeStatusService } from "../testing/fake-status-service.js";
import { createFakeTokenChanges } from "../testing/fake-token-changes.js";
import { createActivityStore, type ActivityStoreOptions } from "./activity-store.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const fastBackoff = { initialMs: 5, maxMs: 5, jitter: 0 };

function setup(options: Partial<ActivityStoreOptions> = {}) {
  const fake = createFakeStatusService();
  const store = createActivityStore({ transport: fake.transport, log: quiet, backoff: fastBackoff, random: () => 0.5, ...options });
  const messages = () => store.getSnapshot().rows.map((row) => row.message);
  return { fake, store, messages };
}

describe("createActivityStore", () => {
  it("when the first listener comes, then the stream opens, replays newest first and aborts when the last one leaves", async () => {
    const { fake, store, messages } = setup();
    fake.emit(ActivityKind.SYMBOL_WATCHED, "BTCUSD", "BTCUSD: watched");
    fake.emit(ActivityKind.PAGE_OPENED, "BTCUSD", "BTCUSD: page opened");
    expect(fake.streams).toHaveLength(0);

    const first = store.subscribe(() => {});
    const second = store.subscribe(() => {});
    await vi.waitFor(() => expect(messages()).toEqual(["BTCUSD: page opened", "BTCUSD: watched"]));
    expect(store.getSnapshot().link).toBe("live");
    expect(fake.streams).toHaveLength(1);
    fake.emit(ActivityKind.PAGE_LIVE, "BTCUSD", "BTCUSD: live");
    await vi.waitFor(() => expect(messages()[0]).toBe("BTCUSD: live"));
    expect(store.getSnapshot().rows[0]).toMatchObject({ kind: "page-live", symbol: "BTCUSD" });

    first();
    first();
    expect(fake.latest().open).toBe(true);
    second();
    await vi.waitFor(() => expect(fake.latest().aborted).toBe(true));
    expect(store.getSnapshot()).toMatchObject({ rows: [], link: "offline" });
  });

  it("when the stream fails, then it reconnects after the backoff and the replay adds nothing twice", async () => {
    const heard: string[] = [];
    const { fake, store, messages } = setup({ onActivity: (row) => heard.push(row.message) });
    fake.emit(ActivityKind.SYMBOL_WATCHED, "ETHUSD", "ETHUSD: watched");
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(messages()).toEqual(["ETHUSD: watched"]));

    fake.latest().fail(new ConnectError("server going away", Code.Unavailable));
    await vi.waitFor(() => expect(fake.streams).toHaveLength(2));
    fake.emit(ActivityKind.PAGE_OPENED, "ETHUSD", "ETHUSD: page opened");
    await vi.waitFor(() => expect(messages()).toEqual(["ETHUSD: page opened", "ETHUSD: watched"]));
    expect(heard).toEqual(["ETHUSD: watched", "ETHUSD: page opened"]);
    expect(store.getSnapshot().link).toBe("live");

    unsubscribe();
    await vi.waitFor(() => expect(fake.latest().aborted).toBe(true));
    expect(fake.streams[0]!.open).toBe(false);
  });

  it("when the server wants a token, then it waits without retrying until the token changes", async () => {
    const fake = createFakeStatusService();
    fake.requiredToken = "secret";
    const tokens = createFakeTokenChanges();
    const store = createActivityStore({ transport: fake.transport, log: quiet, backoff: fastBackoff, tokenChanges: tokens.tokenChanges });
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().link).toBe("unauthenticated"));
    await new Promise((resolve) => setTimeout(resolve, 50)); // 10 backoff periods
    expect(fake.streams).toHaveLength(0);

    fake.requiredToken = undefined;
    tokens.change();
    await vi.waitFor(() => expect(fake.streams).toHaveLength(1));

    unsubscribe();
    expect(tokens.listening()).toBe(0);
    await vi.waitFor(() => expect(fake.latest().aborted).toBe(true));
  });

  it("when the stream goes silent past the idle timeout, then it is replaced", async () => {
    const { fake, store } = setup({ idleTimeoutMs: 30 });
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(fake.streams.length).toBeGreaterThanOrEqual(2));
    expect(fake.streams[0]!.aborted).toBe(true);

    unsubscribe();
    await vi.waitFor(() => expect(fake.streams.every((stream) => !stream.open)).toBe(true));
  });
});
