/**
 * StreamActivity over real HTTP (fake price source): replay then live, the symbol filter, bad
 * input, the shared stream cap, skip-ahead for a reader that stalls, and the planned shutdown.
 */
import { request, type IncomingMessage } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Code } from "@connectrpc/connect";
import { ActivityKind, type StreamActivityResponse } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { StreamSignals } from "@crypto-stream/test-support/stream-signals";
import { startTestServer, type TestServer, type TestServerOptions } from "@crypto-stream/test-support/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { errorOf } from "@crypto-stream/test-support/connect-errors";
import { envelope } from "@crypto-stream/test-support/envelope";

let server: TestServer | undefined;
const streams = new StreamSignals();

async function start(options: Partial<TestServerOptions> = {}): Promise<TestServer> {
  const source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, ...options });
  return server;
}

/** activities reads a stream's activity events until `enough` says stop or a heartbeat shows it idle. */
async function activities(stream: AsyncIterable<StreamActivityResponse>, enough: (kinds: ActivityKind[]) => boolean) {
  const kinds: ActivityKind[] = [];
  for await (const message of stream) {
    if (message.event.case === "heartbeat") break;
    if (message.event.case === "activity") kinds.push(message.event.value.kind);
    if (enough(kinds)) break;
  }
  return kinds;
}

/** postDeclaring sends a Watch whose frame header declares `size` bytes, and resolves with the answer's body. */
function postDeclaring(baseUrl: string, size: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/cryptostream.v1.PriceService/Watch`, {
      method: "POST",
      headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" },
    });
    req.on("error", reject);
    req.once("response", (res: IncomingMessage) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(body));
    });
    req.end(envelope({}, size));
  });
}

afterEach(async () => {
  streams.abortAll();
  await server?.close();
  server = undefined;
});

describe("StreamActivity", () => {
  it("when a reader connects, then it gets the recent events first and then live ones as they happen", async () => {
    const { client, status } = await start({ heartbeatIntervalMs: 60_000 });
    const watch = client.watch({ symbols: ["BTCUSD"] }, { signal: streams.next() })[Symbol.asyncIterator]();
    await watch.next();
    const reader = status.streamActivity({}, { signal: streams.next() })[Symbol.asyncIterator]();
    const first = (await reader.next()).value as StreamActivityResponse;
    expect(first.event.case === "activity" && first.event.value).toMatchObject({ kind: ActivityKind.SYMBOL_WATCHED, symbol: "BTCUSD", count: 1, sequence: 1n });
    const second = (await reader.next()).value as StreamActivityResponse;
    expect(second.event.case === "activity" && second.event.value.kind).toBe(ActivityKind.PAGE_LIVE);
    await client.streamPrice({ symbol: "ETHUSD" }, { signal: streams.next() })[Symbol.asyncIterator]().next();
    const live = (await reader.next()).value as StreamActivityResponse;
    expect(live.event.case === "activity" && live.event.value).toMatchObject({ kind: ActivityKind.SYMBOL_WATCHED, symbol: "ETHUSD" });
    expect(live.event.case === "activity" && live.event.value.occurredAt).toBeDefined();
  });

  it("when filtered by a symbol, then only its events come; an unknown symbol gives an empty stream; a malformed one INVALID_ARGUMENT", async () => {
    const { client, status } = await start({ heartbeatIntervalMs: 50 });
    await client.watch({ symbols: ["BTCUSD", "ETHUSD"] }, { signal: streams.next() })[Symbol.asyncIterator]().next();
    await expect.poll(() => server!.activity.log.recent().length).toBe(4);
    const symbols: string[] = [];
    for await (const message of status.streamActivity({ symbol: " ethusd " }, { signal: streams.next() })) {
      if (message.event.case === "heartbeat") break;
      if (message.event.case === "activity") symbols.push(message.event.value.symbol);
    }
    expect(symbols).toEqual(["ETHUSD", "ETHUSD"]);
    expect(await activities(status.streamActivity({ symbol: "NOPEUSD" }, { signal: streams.next() }), () => false)).toEqual([]);
    const malformed = await errorOf(() => activities(status.streamActivity({ symbol: "BTC USD!" }), () => true));
    expect(malformed?.code).toBe(Code.InvalidArgument);
    expect(malformed?.rawMessage).toContain("invalid symbol");
  });

  it("when a client holds its most streams, then an activity stream is refused and the refusal names the limit", async () => {
    const { client, status } = await start({ maxStreamsPerClient: 2, heartbeatIntervalMs: 50 });
    await client.watch({ symbols: ["BTCUSD"] }, { signal: streams.next() })[Symbol.asyncIterator]().next();
    const held = status.streamActivity({}, { signal: streams.next() })[Symbol.asyncIterator]();
    await held.next();
    const refused = await errorOf(() => activities(status.streamActivity({}), () => true));
    expect(refused?.code).toBe(Code.ResourceExhausted);
    expect(refused?.rawMessage).toContain("MAX_STREAMS_PER_CLIENT");
    expect((await errorOf(() => client.streamPrice({ symbol: "ETHUSD" })[Symbol.asyncIterator]().next()))?.code).toBe(Code.ResourceExhausted);
    const event = server!.activity.log.recent().find((e) => e.kind === "stream_refused");
    expect(event?.message).toBe("stream refused: StreamActivity hit MAX_STREAMS_PER_CLIENT");
    expect(event?.message).not.toContain("127.0.0.1");
    // The open activity stream hears of the refusal too.
    const seen: ActivityKind[] = [];
    while (!seen.includes(ActivityKind.STREAM_REFUSED)) {
      const message = (await held.next()).value as StreamActivityResponse;
      if (message.event.case === "activity") seen.push(message.event.value.kind);
    }
  });

  it("when 300 refused requests each carry a different number, then they fold into one note per limit and earlier events stay", async () => {
    const { baseUrl, client, activity } = await start({ maxSymbolsPerWatch: 2 });
    activity.log.record("page_live", "BTCUSD", "a real event before the flood");
    for (let i = 0; i < 150; i++) {
      // A Watch over the per-watch cap, each one a different size ("this one would hold N").
      const symbols = Array.from({ length: 3 + i }, (_, n) => `S${n}`);
      expect((await errorOf(() => client.watch({ symbols })[Symbol.asyncIterator]().next()))?.code).toBe(Code.ResourceExhausted);
      // A frame declaring a different size past the request limit each time.
      expect(await postDeclaring(baseUrl, 70_000 + i)).toContain("resource_exhausted");
    }
    const recent = activity.log.recent();
    expect(recent.map((event) => event.message)).toContain("a real event before the flood");
    // One note when a limit first refuses, then one count per 10 s window: a handful, not 300.
    const refusals = recent.filter((event) => event.kind === "stream_refused");
    expect(refusals.length).toBeLessThanOrEqual(6);
    expect(new Set(refusals.map((event) => event.message.replace(/^\d+ more streams refused in \d+ s: /, "stream refused: ")))).toEqual(
      new Set(["stream refused: Watch hit MAX_SYMBOLS_PER_WATCH", "stream refused: Watch hit the request size limit"]),
    );
  });

  it("when the server shuts down, then activity streams end with UNAVAILABLE", async () => {
    const { status } = await start({ heartbeatIntervalMs: 60_000 });
    const ended = errorOf(() => activities(status.streamActivity({}, { signal: streams.next() }), () => false));
    await expect.poll(() => server!.status.getStatus({}).then((s) => s.server?.openStreams)).toBe(1);
    server!.shutdown();
    expect((await ended)?.code).toBe(Code.Unavailable);
  });

  it("when a reader stops reading while events pile up, then the server never waits for it and it is skipped ahead", async () => {
    const { baseUrl, activity, status } = await start({ heartbeatIntervalMs: 60_000 });
    // Connect sends the response headers with the first message: give it one.
    activity.log.record("page_live", "BTCUSD", "0");
    const stalled = await openUnreadActivity(baseUrl);
    const filler = "x".repeat(2_000);
    const total = 20_000;
    for (let i = 1; i <= total; i++) {
      activity.log.record("page_live", "BTCUSD", `${i} ${filler}`);
      if (i % 200 === 0) await nextTurn();
    }
    // Recording went on at full speed: the log already holds the newest events.
    expect(activity.log.recent().at(-1)?.sequence).toBe(total + 1);
    const kinds = await stalled.readUntil(total + 1);
    expect(kinds).toContain("ACTIVITY_KIND_SKIPPED");
    stalled.close();
    await expect.poll(() => status.getStatus({}).then((s) => s.server?.openStreams)).toBe(0);
  });
});

/**
 * openUnreadActivity opens StreamActivity with a raw HTTP client that reads nothing until asked
 * (connect-node's client would buffer whatever arrives), as a stalled operator's browser would.
 */
async function openUnreadActivity(baseUrl: string) {
  const req = request(`${baseUrl}/cryptostream.v1.StatusService/StreamActivity`, {
    method: "POST",
    headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" },
  });
  req.on("error", () => {});
  req.end(envelope({}));
  const res = await new Promise<IncomingMessage>((resolve) => req.once("response", resolve));
  res.pause();
  return {
    /** readUntil resumes reading and returns the kinds seen up to the event numbered `last`. */
    readUntil: (last: number) =>
      new Promise<string[]>((resolve) => {
        const kinds: string[] = [];
        let buffered = Buffer.alloc(0);
        res.on("data", (chunk: Buffer) => {
          buffered = Buffer.concat([buffered, chunk]);
          while (buffered.length >= 5 && buffered.length >= 5 + buffered.readUInt32BE(1)) {
            const size = buffered.readUInt32BE(1);
            const message = JSON.parse(buffered.subarray(5, 5 + size).toString()) as { activity?: { kind: string; sequence: string } };
            buffered = buffered.subarray(5 + size);
            if (message.activity) kinds.push(message.activity.kind);
            if (message.activity?.sequence === String(last)) resolve(kinds);
          }
        });
        res.resume();
      }),
    close: () => req.destroy(),
  };
}
