import { Code, createClient, type Client } from "@connectrpc/connect";
import {
  CrossDirection,
  MoveDirection,
  PriceService,
  type WatchResponse,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { AlertSchema } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterEach, describe, expect, it } from "vitest";
import { errorOf } from "@crypto-stream/test-support/connect-errors";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { wireTransports } from "@crypto-stream/test-support/wire-transports";

let server: TestServer | undefined;
let source: FakeSource;
const streams = new StreamSignals();

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

/** ORIGIN is a browser origin the server allows: its streams take the Connect path, not the direct one. */
const ORIGIN = "http://grid.example";

async function start(options: { maxAlertsPerWatch?: number } = {}) {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, allowedOrigins: [ORIGIN], ...options });
  return server;
}

type AlertInit = MessageInitShape<typeof AlertSchema>;
const above = (symbol: string, level: string): AlertInit => ({
  symbol,
  condition: { case: "cross", value: { direction: CrossDirection.ABOVE, level } },
});

/** Reader reads one Watch stream in the background and keeps every event. */
class Reader {
  readonly events: WatchResponse["event"][] = [];
  watchId = "";
  constructor(client: Client<typeof PriceService>, symbols: string[], headers: Record<string, string> = {}) {
    void (async () => {
      try {
        for await (const message of client.watch({ symbols }, { signal: streams.next(), headers })) {
          if (message.event.case === "started") this.watchId = message.event.value.watchId;
          this.events.push(message.event);
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();
  }
  fired() {
    return this.events.flatMap((e) => (e.case === "alertTriggered" ? [e.value] : []));
  }
  quotes(symbol: string) {
    return this.events.filter((e) => e.case === "quote" && e.value.symbol === symbol).length;
  }
}

/** openWatch opens a watch on BTCUSD with a first price of 99, and waits for it. */
async function openWatch(client: Client<typeof PriceService>, symbols = ["BTCUSD"], headers: Record<string, string> = {}) {
  const reader = new Reader(client, symbols, headers);
  await expect.poll(() => reader.watchId !== "" && source.open("BTCUSD") !== undefined).toBe(true);
  source.open("BTCUSD")!.emit("99");
  await expect.poll(() => reader.quotes("BTCUSD")).toBe(1);
  return reader;
}

describe.each([
  ["on the direct path", {}, 1],
  ["through Connect", { origin: ORIGIN }, 0],
] as const)("alerts on a Watch served %s, over every protocol", (_path, headers, directStreams) => {
  it.each(wireTransports)("when %s sets an alert and the price crosses it, then the stream carries AlertTriggered once", async (_name, transport) => {
    const { baseUrl, direct } = await start();
    const client = createClient(PriceService, transport(baseUrl));
    const reader = await openWatch(client, ["BTCUSD"], headers);
    expect(direct.open).toBe(directStreams);
    const set = await client.setAlert({ watchId: reader.watchId, alert: above("btcusd", "100.00") });
    expect(set.alert).toMatchObject({ symbol: "BTCUSD", condition: { case: "cross", value: { level: "100" } } });
    source.open("BTCUSD")!.emit("99.5");
    source.open("BTCUSD")!.emit("100");
    source.open("BTCUSD")!.emit("99");
    source.open("BTCUSD")!.emit("101");
    await expect.poll(() => reader.quotes("BTCUSD")).toBe(5);
    expect(reader.fired()).toHaveLength(1);
    expect(reader.fired()[0]).toMatchObject({ alertId: set.alertId, symbol: "BTCUSD", quote: { price: "100" }, referencePrice: "" });
    // It fired once, so it is gone.
    expect(await client.removeAlert({ watchId: reader.watchId, alertId: set.alertId })).toMatchObject({ removed: false });
  });
});

describe("SetAlert and RemoveAlert", () => {
  it("when a move alert repeats, then it fires on each move after its cooldown, with the price it moved from", async () => {
    const { client } = await start();
    const reader = await openWatch(client);
    const alert: AlertInit = {
      symbol: "BTCUSD",
      condition: { case: "move", value: { direction: MoveDirection.EITHER, percent: "10", windowMinutes: 5 } },
      repeat: true,
      cooldownSeconds: 1,
    };
    await client.setAlert({ watchId: reader.watchId, alert });
    // 108.9 is 99 plus 10 %: touching counts. Then a fall of 10 % from there, within the cooldown, is let pass.
    for (const price of ["108.89", "108.9", "98"]) source.open("BTCUSD")!.emit(price);
    await expect.poll(() => reader.quotes("BTCUSD")).toBe(4);
    expect(reader.fired().map((f) => [f.quote?.price, f.referencePrice])).toEqual([["108.9", "99"]]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    source.open("BTCUSD")!.emit("88.2");
    await expect.poll(() => reader.fired()).toHaveLength(2);
    expect(reader.fired()[1]).toMatchObject({ quote: { price: "88.2" }, referencePrice: "108.9" });
  });

  it("when an alert is removed, or its symbol leaves the watch, then it no longer fires", async () => {
    const { client } = await start();
    const reader = await openWatch(client, ["BTCUSD", "ETHUSD"]);
    const first = await client.setAlert({ watchId: reader.watchId, alert: above("BTCUSD", "100") });
    await client.setAlert({ watchId: reader.watchId, alert: above("BTCUSD", "100") });
    expect((await client.removeAlert({ watchId: reader.watchId, alertId: first.alertId })).removed).toBe(true);
    await client.updateWatch({ watchId: reader.watchId, remove: ["BTCUSD"] });
    await client.updateWatch({ watchId: reader.watchId, add: ["BTCUSD"] });
    await expect.poll(() => source.open("BTCUSD") !== undefined).toBe(true);
    source.open("BTCUSD")!.emit("99");
    source.open("BTCUSD")!.emit("100");
    await expect.poll(() => reader.quotes("BTCUSD")).toBe(3);
    expect(reader.fired()).toEqual([]);
  });

  it("when the watch holds MAX_ALERTS_PER_WATCH alerts, then another is RESOURCE_EXHAUSTED naming the setting", async () => {
    const { client } = await start({ maxAlertsPerWatch: 1 });
    const reader = await openWatch(client);
    await client.setAlert({ watchId: reader.watchId, alert: above("BTCUSD", "100") });
    const error = await errorOf(() => client.setAlert({ watchId: reader.watchId, alert: above("BTCUSD", "101") }));
    expect(error?.code).toBe(Code.ResourceExhausted);
    expect(error?.rawMessage).toMatch(/at most 1 alerts.*MAX_ALERTS_PER_WATCH/);
  });

  it("when the request is bad, then each gets its code and a message saying what to send", async () => {
    const { client } = await start();
    const reader = await openWatch(client);
    const watchId = reader.watchId;
    const cases: [() => Promise<unknown>, Code, RegExp][] = [
      [() => client.setAlert({ watchId, alert: above("BTCUSD", "1e5") }), Code.InvalidArgument, /not a plain decimal/],
      [() => client.setAlert({ watchId, alert: above("BTCUSD", "0") }), Code.InvalidArgument, /above zero/],
      [() => client.setAlert({ watchId, alert: above("BTCUSD", "9".repeat(10_000)) }), Code.InvalidArgument, /at most 32/],
      [() => client.setAlert({ watchId, alert: { symbol: "BTCUSD" } }), Code.InvalidArgument, /no condition/],
      [() => client.setAlert({ watchId }), Code.InvalidArgument, /alert is missing/],
      [() => client.setAlert({ watchId, alert: above("BTC USD!", "1") }), Code.InvalidArgument, /symbol/i],
      [() => client.setAlert({ watchId, alert: above("ETHUSD", "1") }), Code.FailedPrecondition, /add it with UpdateWatch first/],
      [() => client.setAlert({ watchId: "", alert: above("BTCUSD", "1") }), Code.InvalidArgument, /watch_id is empty/],
      [() => client.setAlert({ watchId: "nope", alert: above("BTCUSD", "1") }), Code.NotFound, /open a new Watch/],
      [() => client.removeAlert({ watchId, alertId: "" }), Code.InvalidArgument, /alert_id is empty/],
      [() => client.removeAlert({ watchId: "nope", alertId: "a1" }), Code.NotFound, /open a new Watch/],
    ];
    for (const [call, code, message] of cases) {
      const error = await errorOf(call);
      expect([error?.code, error?.rawMessage]).toEqual([code, expect.stringMatching(message)]);
    }
  });

  it("when the Watch stream ends, then its alerts go with it", async () => {
    const { client, watches } = await start();
    const reader = await openWatch(client);
    await client.setAlert({ watchId: reader.watchId, alert: above("BTCUSD", "100") });
    streams.abortAll();
    await expect.poll(() => watches.size).toBe(0);
    expect((await errorOf(() => client.setAlert({ watchId: reader.watchId, alert: above("BTCUSD", "100") })))?.code).toBe(Code.NotFound);
  });
});
