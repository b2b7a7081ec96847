/**
 * Churn: 1,000 subscribe/unsubscribe cycles over 20 symbols, each ended by an abort at a random
 * moment (before the page loads, while it loads, after quotes flow), over real HTTP, the real
 * scraper in real Chromium and the look-alike. Afterwards nothing may be left behind: pages,
 * look-alike sockets, Chromium renderers, subscribers, watches, Node timers and sockets (but for
 * the idle connections Chromium keeps in its own pool), and the heap is back where it was after
 * the warm-up.
 */
import { Agent } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Code, ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { startLiveTestServer, type LiveTestServer } from "@crypto-stream/test-support/live-test-server";
import { heapCensus } from "@crypto-stream/test-support/heap-census";
import { descendants } from "@crypto-stream/test-support/processes";
import { openSockets, portsHeldBy } from "@crypto-stream/test-support/sockets";

const SYMBOLS = [
  "BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "BNBUSD", "ADAUSD", "DOGEUSD", "AVAXUSD", "DOTUSD", "LINKUSD",
  "LTCUSD", "TRXUSD", "ATOMUSD", "NEARUSD", "UNIUSD", "XLMUSD", "ETCUSD", "FILUSD", "APTUSD", "ARBUSD",
];
const CYCLES = 1_000;
const WARM_UP = 200;
const WORKERS = 10;
/**
 * PAGE_OBJECT is Playwright's own object for a Chromium tab, one per tab for as long as the tab
 * lives. Counted rather than weighed: a closed page that something still holds shows as one more,
 * however little the heap moved.
 */
const PAGE_OBJECT = "CRPage";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let live: LiveTestServer;
let client: Client<typeof PriceService>;
const events = new Map<string, number>();

beforeAll(async () => {
  const logger = createLogger({
    level: "info",
    sink: (line) => {
      const { event } = JSON.parse(line) as { event: string };
      events.set(event, (events.get(event) ?? 0) + 1);
    },
  });
  live = await startLiveTestServer({ logger, scraper: { logger } });
  // No keep-alive: every stream's socket closes with it, so open sockets can be counted exactly.
  const agent = new Agent({ keepAlive: false });
  client = createClient(
    PriceService,
    createConnectTransport({ baseUrl: live.server.baseUrl, httpVersion: "1.1", nodeOptions: { agent } }),
  );
});

afterAll(async () => {
  if (live) expect(await live.close()).toEqual([]);
});

/** Random integer in [0, n). Math.random is fine: the point is varied timing, not replay. */
const random = (n: number) => Math.floor(Math.random() * n);
const pick = () => SYMBOLS[random(SYMBOLS.length)]!;

type Outcome = "aborted" | "quoted";

/**
 * cycle opens one stream (a StreamPrice, or a Watch that then adds a symbol) and aborts it: at
 * once, at a random moment in the first 800 ms, or right after its first quote.
 */
async function cycle(): Promise<Outcome> {
  const abort = new AbortController();
  const when = random(3);
  const timer = when === 2 ? undefined : setTimeout(() => abort.abort(), when === 0 ? random(20) : random(800));
  let quoted = false;
  const quote = () => {
    quoted = true;
    if (when === 2) abort.abort();
  };
  try {
    if (random(2) === 0) {
      for await (const message of client.streamPrice({ symbol: pick() }, { signal: abort.signal })) {
        if (message.event.case === "quote") quote();
      }
    } else {
      for await (const message of client.watch({ symbols: [pick(), pick()] }, { signal: abort.signal })) {
        if (message.event.case === "quote") quote();
        if (message.event.case === "started") {
          const watchId = message.event.value.watchId;
          void client.updateWatch({ watchId, add: [pick()], remove: [] }, { signal: abort.signal }).catch(expectCanceledOrGone);
        }
      }
    }
    throw new Error("a stream ended on its own before it was aborted");
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    if (ConnectError.from(error).code !== Code.Canceled) throw error;
  } finally {
    clearTimeout(timer);
  }
  return quoted ? "quoted" : "aborted";
}

/** An UpdateWatch racing its watch's abort may be canceled, or find the watch already gone. */
function expectCanceledOrGone(error: unknown): void {
  const code = ConnectError.from(error).code;
  if (code !== Code.Canceled && code !== Code.NotFound) throw error;
}

async function churn(cycles: number): Promise<Record<Outcome, number>> {
  const outcomes: Record<Outcome, number> = { aborted: 0, quoted: 0 };
  let started = 0;
  const worker = async () => {
    while (started < cycles) {
      started++;
      outcomes[await cycle()]++;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return outcomes;
}

/** What the process and the browser hold now. */
function holdings() {
  const { hub, watches } = live.server;
  const resources: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  const pid = live.scraper.browserProcessId();
  const browser = pid === undefined ? [] : [pid, ...descendants(pid)];
  return {
    ...hub.stats(),
    watches: watches.size,
    pages: live.scraper.openPageCount(),
    simSockets: live.market.totalOpenConnections(),
    chromiumProcesses: Math.max(0, browser.length - 1),
    timers: resources.Timeout ?? 0,
    sockets: (resources.TCPSocketWrap ?? 0) - chromiumsIdleConnections(browser).length,
  };
}

/**
 * chromiumsIdleConnections are the server's connections that Chromium holds with no request on
 * them: sockets it opened to the look-alike ahead of need and keeps in its pool after the pages
 * closed. They are Chromium's to close (or the server's headers timeout, a minute on), not a leak
 * of ours; a look-alike page's own connection counts as a simSocket until it closes.
 */
function chromiumsIdleConnections(browser: readonly number[]) {
  const idle = openSockets().filter((socket) => socket.side === "server" && socket.request === undefined && socket.remotePort !== undefined);
  const chromiums = portsHeldBy(browser, idle.map((socket) => socket.remotePort!));
  return idle.filter((socket) => chromiums.has(socket.remotePort!));
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

describe("churn", () => {
  it(`when ${CYCLES} streams over ${SYMBOLS.length} symbols are aborted at random moments, then nothing is left behind and memory is flat`, async () => {
    // Idle: no subscription, page or look-alike socket, and no Node timer or TCP socket at all.
    const idle = { symbols: 0, openFeeds: 0, subscribers: 0, watches: 0, pages: 0, simSockets: 0, timers: 0, sockets: 0 };
    await churn(WARM_UP);
    await settle(idle, "after the warm-up");
    const before = holdings();
    const heapBefore = await settledHeap();

    // Two halves: the heap after the first shows what the churn itself settles into; the second
    // half must not add to it.
    const first = await churn(CYCLES / 2);
    await settle(idle, "halfway");
    const heapHalfway = await settledHeap();
    const pagesHalfway = (await heapCensus([PAGE_OBJECT]))[PAGE_OBJECT]!;
    const second = await churn(CYCLES / 2);
    const outcomes = { aborted: first.aborted + second.aborted, quoted: first.quoted + second.quoted };

    // Every page is closed, every look-alike socket too; Node's timers and sockets and Chromium's
    // processes are back to what they were before the churn.
    await settle({ ...before, ...idle }, "after the churn");
    const heapAfter = await settledHeap();
    const pagesAfter = (await heapCensus([PAGE_OBJECT]))[PAGE_OBJECT]!;
    const mb = (bytes: number) => `${bytes < 0 ? "−" : "+"}${Math.abs(bytes / 1e6).toFixed(2)} MB`;
    console.info(
      `churn: ${JSON.stringify(outcomes)}; heap ${mb(heapHalfway - heapBefore)} over the first half, ` +
        `${mb(heapAfter - heapHalfway)} over the second; Playwright page objects ${pagesHalfway} halfway, ${pagesAfter} after; ` +
        `page opens ${events.get("page.opened") ?? 0}, close re-sends ${events.get("page.close_resent") ?? 0}`,
    );
    // Both kinds of cycle happened: some ended before their first quote, some after.
    expect(outcomes.aborted).toBeGreaterThan(0);
    expect(outcomes.quoted).toBeGreaterThan(0);
    expect(events.get("page.close_stuck") ?? 0).toBe(0);
    // Flat: 500 leaked subscriptions of even 3 kB each would show. Clean runs on 2026-12-06 read
    // -0.92, +0.61 and +0.70 MB over the second half (under 0.2 MB in earlier rounds; the rise is not
    // traced), so the bound sits at 1.5 MB, above that noise. Retained pages, the leaks this test has
    // met (request blocking on Playwright routes: +1.79 MB; a WebSocket route on the context: +2.97 MB
    // over 300 cycles, or +0.88 to +1.17 MB in quieter runs), are counted below, not weighed.
    expect(heapAfter - heapHalfway).toBeLessThan(1.5e6);
    // The census sees Playwright's pages at all (the spare tabs are open at every settle): were the
    // name to change in an upgrade, the next check would pass blind, so this fails first.
    expect(pagesHalfway).toBeGreaterThan(0);
    // Every page the second half opened is closed and let go: at most a few still being collected.
    // With request blocking put back on a Playwright route: 16 page objects halfway, 30 after.
    expect(pagesAfter - pagesHalfway).toBeLessThanOrEqual(5);
  }, 600_000);
});

/** settle waits until what is held matches `expected`, or fails naming what was left behind. */
async function settle(expected: Record<string, number>, when: string): Promise<void> {
  let now = holdings();
  await expect.poll(() => matches((now = holdings()), expected), { timeout: 60_000 }).toBe(true).catch(() => {
    throw new Error(`left behind ${when}: ${JSON.stringify({ expected, now, sockets: openSockets() })}`);
  });
}

function matches(actual: Record<string, number>, expected: Record<string, number>): boolean {
  return Object.entries(expected).every(([key, value]) =>
    // Chromium keeps a spare renderer of its own ready for the next navigation, or not, at any given
    // moment: one process either way is Chromium's, not ours. A leaked page per cycle would show by
    // the hundred, and a page that would not close shows as page.close_stuck.
    key === "chromiumProcesses" ? Math.abs((actual[key] ?? 0) - value) <= 1 : actual[key] === value,
  );
}
