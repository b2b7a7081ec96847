/**
 * Arbitrary input at the RPCs over real HTTP: every call answers INVALID_ARGUMENT (or NOT_FOUND
 * for a watch id nobody holds) or a valid result; never INTERNAL, a crash, or a page for a bad
 * symbol.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSymbol } from "../src/symbols/symbol.js";
import { createFakeSource, type FakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";

let server: TestServer;
let source: FakeSource;

beforeAll(async () => {
  source = createFakeSource((feed) => queueMicrotask(() => feed.state("live")));
  server = await startTestServer({ source, maxSymbols: 1_000, maxSymbolsPerWatch: 1_000 });
});

afterAll(async () => {
  await server.close();
});

const symbolish = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.stringMatching(/^[a-zA-Z0-9:._!/?# -]{0,45}$/),
  fc.constantFrom("", " ", "../", "BTCUSD?x=", "A:B:C", "\u0000", "%2e%2e", "BTC\nUSD"),
);

function valid(input: string): boolean {
  try {
    parseSymbol(input);
    return true;
  } catch {
    return false;
  }
}

async function outcome(run: () => Promise<unknown>): Promise<Code | "ok"> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe("RPC input fuzzing", () => {
  it("when StreamPrice gets any symbol, then INVALID_ARGUMENT for a bad one and a stream for a good one", async () => {
    await fc.assert(
      fc.asyncProperty(symbolish, async (symbol) => {
        const feedsBefore = source.feeds.length;
        const controller = new AbortController();
        const result = await outcome(async () => {
          for await (const _ of server.client.streamPrice({ symbol }, { signal: controller.signal })) break;
        });
        controller.abort();
        if (valid(symbol)) expect(result).toBe("ok");
        else {
          expect(result).toBe(Code.InvalidArgument);
          expect(source.feeds.length).toBe(feedsBefore);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("when Watch and UpdateWatch get any lists and ids, then they answer a code or a result, all or nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(symbolish, { maxLength: 5 }),
        fc.array(symbolish, { maxLength: 5 }),
        fc.oneof(fc.constant("<real>"), fc.string({ maxLength: 40 })),
        async (initial, add, id) => {
          const controller = new AbortController();
          const opened = await outcome(async () => {
            const stream = server.client.watch({ symbols: initial }, { signal: controller.signal })[Symbol.asyncIterator]();
            const first = await stream.next();
            const watchId = first.value?.event.case === "started" ? first.value.event.value.watchId : "";
            const before = (first.value?.event.value as { symbols?: string[] }).symbols ?? [];
            const update = await outcome(() =>
              server.client.updateWatch({ watchId: id === "<real>" ? watchId : id, add, remove: [] }),
            );
            if (id !== "<real>") expect([Code.NotFound, Code.InvalidArgument]).toContain(update);
            else if (!add.every(valid)) {
              expect(update).toBe(Code.InvalidArgument);
              const after = await server.client.updateWatch({ watchId, add: [], remove: [] });
              expect(after.symbols).toEqual([...before].sort());
            } else expect(update).toBe("ok");
          });
          controller.abort();
          expect(opened).toBe(initial.every(valid) ? "ok" : Code.InvalidArgument);
        },
      ),
      { numRuns: 150 },
    );
    await expect.poll(() => server.hub.stats(), { timeout: 2_000 }).toMatchObject({ subscribers: 0, symbols: 0 });
    expect(source.openCount()).toBe(0);
  });
});
