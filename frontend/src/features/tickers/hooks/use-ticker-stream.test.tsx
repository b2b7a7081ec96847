import { Code, ConnectError } from "@connectrpc/connect";
import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { act, render, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { createFakePriceService, type FakePriceService } from "../testing/fake-price-service.js";
import { TickerStoreProvider, type TickerStoreSettings } from "./ticker-store-context.js";
import { useTickerStream, type TickerStream } from "./use-ticker-stream.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
/** A fast, jitter-free backoff for tests that run on real timers. */
const fastBackoff = { initialMs: 5, maxMs: 5, jitter: 0 };

function wrapperFor(fake: FakePriceService, settings: TickerStoreSettings) {
  return function Wrapper(props: { children: ReactNode }) {
    return (
      <TransportProvider transport={fake.transport}>
        <TickerStoreProvider settings={{ log: quiet, random: () => 0.5, ...settings }}>
          {props.children}
        </TickerStoreProvider>
      </TransportProvider>
    );
  };
}

function setup(settings: TickerStoreSettings = {}, options: { autoStart?: boolean } = {}) {
  const fake = createFakePriceService(options);
  const hook = renderHook(() => useTickerStream(), { wrapper: wrapperFor(fake, settings) });
  return { fake, hook, current: (): TickerStream => hook.result.current };
}

function row(stream: TickerStream, symbol: string) {
  const view = stream.tickers.find((t) => t.symbol === symbol);
  if (!view) throw new Error(`no row for ${symbol}`);
  return view;
}

const symbols = (stream: TickerStream) => stream.tickers.map((t) => t.symbol);

/** settle lets the in-memory transport's promises run while fake timers hold the clock. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
  });
}

async function advance(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  await settle();
}

afterEach(() => {
  vi.useRealTimers();
});

describe("useTickerStream", () => {
  it("when many tickers are watched, then one Watch stream carries them all and closes on unmount", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["SOLUSD", "BTCUSD", "ETHUSD"] });
    expect(symbols(current())).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    await waitFor(() => expect(current().connection).toBe("live"));
    expect(fake.watches).toHaveLength(1);
    expect(fake.latest().requested).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);

    fake.latest().quote("BTCUSD", "97123.45");
    fake.latest().quote("SOLUSD", "0.00001234");
    await waitFor(() => expect(row(current(), "SOLUSD").price).toBe("0.00001234"));
    expect(row(current(), "BTCUSD")).toMatchObject({ phase: "live", price: "97123.45" });
    expect(row(current(), "ETHUSD").phase).toBe("loading");

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
    expect(fake.watches).toHaveLength(1);
  });

  it("when a ticker is added or removed, then UpdateWatch carries it on the same stream", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"] });
    await waitFor(() => expect(current().connection).toBe("live"));

    act(() => void current().add(" ethusd "));
    await waitFor(() => expect(fake.latest().symbols.has("ETHUSD")).toBe(true));
    act(() => current().remove("BTCUSD"));
    await waitFor(() => expect(fake.latest().symbols.has("BTCUSD")).toBe(false));

    expect(fake.updates).toEqual([
      { watchId: "watch-1", add: ["ETHUSD"], remove: [] },
      { watchId: "watch-1", add: [], remove: ["BTCUSD"] },
    ]);
    expect(symbols(current())).toEqual(["ETHUSD"]);
    expect(fake.watches).toHaveLength(1);

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when a ticker is malformed or a duplicate, then it is refused and nothing is sent", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"] });
    await waitFor(() => expect(current().connection).toBe("live"));

    let results: unknown[] = [];
    act(() => {
      results = [current().add("btc usd"), current().add("binance:btcusd")];
    });
    expect(results).toEqual([
      { ok: false, reason: expect.stringContaining("not a ticker") },
      { ok: false, reason: "BTCUSD is already in the list." },
    ]);
    expect(fake.updates).toEqual([]);
    expect(symbols(current())).toEqual(["BTCUSD"]);

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when tickers are added before the watch id arrives, then they are sent once it does", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"] }, { autoStart: false });
    await waitFor(() => expect(fake.watches).toHaveLength(1));
    act(() => {
      current().add("ETHUSD");
      current().add("ADAUSD");
      current().remove("BTCUSD");
    });
    expect(symbols(current())).toEqual(["ADAUSD", "ETHUSD"]);
    expect(fake.updates).toEqual([]);

    fake.latest().start();
    await waitFor(() => expect([...fake.latest().symbols].sort()).toEqual(["ADAUSD", "ETHUSD"]));
    expect(fake.updates.map(({ add, remove }) => ({ add, remove }))).toEqual([
      { add: [], remove: ["BTCUSD"] },
      { add: ["ETHUSD"], remove: [] }, // in the order they were added
      { add: ["ADAUSD"], remove: [] },
    ]);
    expect(fake.watches).toHaveLength(1);

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when the server reports each state, then each ticker shows it", async () => {
    const initialSymbols = ["AAA", "BBB", "CCC", "DDD", "EEE"];
    const { fake, hook, current } = setup({ initialSymbols });
    await waitFor(() => expect(current().connection).toBe("live"));
    const watch = fake.latest();
    watch.status("AAA", SymbolState.LOADING);
    watch.quote("BBB", "1.5");
    watch.status("BBB", SymbolState.LIVE);
    watch.quote("CCC", "2");
    watch.status("CCC", SymbolState.RECONNECTING, "page went silent; reopening");
    watch.status("DDD", SymbolState.NOT_FOUND, "TradingView has no such symbol");
    watch.status("EEE", SymbolState.FAILED, "no price after 5 attempts");
    watch.status("ZZZ", SymbolState.LIVE); // not ours: ignored
    await waitFor(() => expect(row(current(), "EEE").phase).toBe("failed"));

    expect(current().tickers.map(({ symbol, phase, stale, message }) => [symbol, phase, stale, message]))
      .toEqual([
        ["AAA", "loading", false, undefined],
        ["BBB", "live", false, undefined],
        ["CCC", "reconnecting", true, "page went silent; reopening"],
        ["DDD", "not-found", false, "TradingView has no such symbol"],
        ["EEE", "failed", false, "no price after 5 attempts"],
      ]);

    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when the stream drops, then it reconnects with backoff and re-subscribes the current tickers", async () => {
    vi.useFakeTimers();
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD", "ETHUSD"] });
    await settle();
    expect(current().connection).toBe("live");
    fake.latest().quote("BTCUSD", "100.5");
    await settle();

    fake.latest().fail(new ConnectError("server is going away", Code.Unavailable));
    await settle();
    expect(current().connection).toBe("reconnecting");
    expect(row(current(), "BTCUSD")).toMatchObject({ phase: "reconnecting", price: "100.5", stale: true });
    act(() => void current().add("SOLUSD")); // added while disconnected: goes into the next Watch

    await advance(999);
    expect(fake.watches).toHaveLength(1);
    await advance(1);
    expect(fake.watches).toHaveLength(2);
    // Once the server named its default, a Watch names every exchange: it means the same markets.
    expect(fake.latest().requested).toEqual(["BINANCE:BTCUSD", "BINANCE:ETHUSD", "BINANCE:SOLUSD"]);
    expect(current().connection).toBe("live");
    expect(row(current(), "BTCUSD").stale).toBe(true); // not live until fresh data comes

    fake.latest().quote("BTCUSD", "101");
    await settle();
    expect(row(current(), "BTCUSD")).toMatchObject({ phase: "live", price: "101", stale: false, trend: "up" });
    expect(symbols(current())).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    expect(fake.updates).toEqual([]);

    // A stream that got as far as `started` resets the backoff: each later drop waits ~1 s again.
    const waits: number[] = [];
    for (let n = 0; n < 3; n++) {
      const before = fake.watches.length;
      fake.latest().fail(new ConnectError("connection refused", Code.Unavailable));
      await settle();
      let waited = 0;
      while (fake.watches.length === before) {
        await advance(250);
        waited += 250;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 1_000, 1_000]);

    const watch = fake.latest();
    hook.unmount();
    await settle();
    expect(watch.aborted).toBe(true);
    expect(fake.watches.every((w) => !w.open)).toBe(true);
  });

  it("when reconnects keep failing, then the wait doubles to the cap and the state reads offline", async () => {
    vi.useFakeTimers();
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"] }, { autoStart: false });
    await settle();
    expect(current().connection).toBe("connecting");

    const waits: number[] = [];
    const states: string[] = [];
    for (let n = 0; n < 7; n++) {
      const before = fake.watches.length;
      fake.latest().fail(new ConnectError("connection refused", Code.Unavailable));
      await settle();
      states.push(current().connection);
      let waited = 0;
      while (fake.watches.length === before) {
        await advance(500);
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(states).toEqual(["reconnecting", "reconnecting", "offline", "offline", "offline", "offline", "offline"]);

    fake.latest().start();
    await settle();
    expect(current().connection).toBe("live");

    const watch = fake.latest();
    hook.unmount();
    await settle();
    expect(watch.aborted).toBe(true);
  });

  it("when UpdateWatch says the watch is gone, then the stream is reopened with the current tickers", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"], backoff: fastBackoff });
    await waitFor(() => expect(current().connection).toBe("live"));
    const first = fake.latest();
    fake.refuseUpdate = () => {
      fake.refuseUpdate = undefined;
      throw new ConnectError("unknown watch", Code.NotFound);
    };

    act(() => void current().add("ETHUSD"));
    await waitFor(() => expect(fake.watches).toHaveLength(2));
    expect(first.aborted).toBe(true);
    expect(fake.latest().requested).toEqual(["BINANCE:BTCUSD", "BINANCE:ETHUSD"]);
    await waitFor(() => expect(current().connection).toBe("live"));
    expect(symbols(current())).toEqual(["BTCUSD", "ETHUSD"]);

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when the server rejects an added ticker, then it shows the server's message and is kept out", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"] });
    await waitFor(() => expect(current().connection).toBe("live"));
    fake.refuseUpdate = (request) => {
      if (request.add.includes("XRPUSD")) {
        throw new ConnectError("this server watches at most 1 symbol", Code.ResourceExhausted);
      }
    };

    act(() => void current().add("XRPUSD"));
    await waitFor(() => expect(row(current(), "XRPUSD").phase).toBe("rejected"));
    expect(row(current(), "XRPUSD").message).toBe("this server watches at most 1 symbol");
    expect(JSON.parse(localStorage.getItem("crypto-stream.tickers.v1") ?? "null")).toEqual(["BINANCE:BTCUSD"]);
    expect(current().connection).toBe("live");
    expect(fake.watches).toHaveLength(1);

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when Watch refuses the whole set, then the next one opens empty and adds them one by one", async () => {
    const { fake, hook, current } = setup(
      { initialSymbols: ["BTCUSD", "NOPE"], backoff: fastBackoff },
      { autoStart: false },
    );
    await waitFor(() => expect(fake.watches).toHaveLength(1));
    fake.refuseUpdate = (request) => {
      if (request.add.includes("NOPE")) throw new ConnectError("bad ticker NOPE", Code.InvalidArgument);
    };
    fake.latest().fail(new ConnectError("bad ticker NOPE", Code.InvalidArgument));
    await waitFor(() => expect(fake.watches).toHaveLength(2));
    expect(fake.latest().requested).toEqual([]);

    fake.latest().start();
    await waitFor(() => expect(row(current(), "NOPE").phase).toBe("rejected"));
    expect(row(current(), "NOPE").message).toBe("bad ticker NOPE");
    expect([...fake.latest().symbols]).toEqual(["BTCUSD"]);

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when the stream goes silent past the idle timeout, then it is dropped and reopened", async () => {
    vi.useFakeTimers();
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"], idleTimeoutMs: 45_000 });
    await settle();
    const first = fake.latest();
    await advance(30_000);
    first.heartbeat(); // a heartbeat proves the stream alive
    await advance(30_000);
    expect(fake.watches).toHaveLength(1);

    await advance(15_000);
    expect(first.aborted).toBe(true);
    expect(current().connection).toBe("reconnecting");
    await advance(1_000);
    expect(fake.watches).toHaveLength(2);

    const watch = fake.latest();
    hook.unmount();
    await settle();
    expect(watch.aborted).toBe(true);
  });

  it("when the server ends the stream without an error, then it reconnects", async () => {
    const { fake, hook, current } = setup({ initialSymbols: ["BTCUSD"], backoff: fastBackoff });
    await waitFor(() => expect(current().connection).toBe("live"));
    fake.latest().end();
    await waitFor(() => expect(fake.watches).toHaveLength(2));
    await waitFor(() => expect(current().connection).toBe("live"));

    const watch = fake.latest();
    hook.unmount();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });

  it("when the last of several subscribers leaves, then and only then the stream is aborted", async () => {
    const fake = createFakePriceService();
    const Wrapper = wrapperFor(fake, { initialSymbols: ["BTCUSD"] });
    function Consumer() {
      return <p>{useTickerStream().connection}</p>;
    }
    const view = render(
      <Wrapper>
        <Consumer />
        <Consumer />
      </Wrapper>,
    );
    await waitFor(() => expect(view.getAllByText("live")).toHaveLength(2));
    view.rerender(
      <Wrapper>
        <Consumer />
      </Wrapper>,
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(fake.latest().aborted).toBe(false);

    view.unmount();
    await waitFor(() => expect(fake.latest().aborted).toBe(true));
    expect(fake.watches).toHaveLength(1);
  });
});
