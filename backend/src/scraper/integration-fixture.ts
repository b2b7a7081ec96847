/**
 * Test support for the scraper's integration tests: the look-alike, a scraper pointed at it, a
 * recording sink, and the process checks that prove cleanup. Test-only; not exported by index.ts.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { FeedSink, FeedState } from "../hub/price-source.js";
import { createLogger, silentLogger } from "../log.js";
import { createSimMarket, startSimServer, type SimMarket, type SimServer } from "../sim/index.js";
import type { SymbolRef } from "../symbols/symbol.js";
import { alive, descendants } from "../testing/processes.js";
import { createScraper, type Scraper, type ScraperOptions } from "./scraper.js";

/** CHROMIUM is Debian's build; Playwright's own download does not work offline. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** FeedEvent is one sink call as a test sees it. */
export type FeedEvent = { kind: "state"; state: FeedState; detail?: string } | { kind: "price"; price: string };

/** Recorder is a FeedSink that keeps every call and lets a test wait for one. */
export interface Recorder extends FeedSink {
  readonly events: FeedEvent[];
  prices(): string[];
  states(): FeedState[];
  /** until resolves once `done(events)` holds; rejects after `timeoutMs` with the events so far. */
  until(what: string, done: (events: FeedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
}

/** createRecorder builds a Recorder; it holds no timers except those of pending `until` calls. */
export function createRecorder(): Recorder {
  const events: FeedEvent[] = [];
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((check) => check());
  return {
    events,
    observation: ({ price }) => (events.push({ kind: "price", price }), changed()),
    state: (state, detail) => (events.push({ kind: "state", state, detail }), changed()),
    prices: () => events.flatMap((e) => (e.kind === "price" ? [e.price] : [])),
    states: () => events.flatMap((e) => (e.kind === "state" ? [e.state] : [])),
    until(what, done, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          waiters.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const check = () => done(events) && finish();
        const timer = setTimeout(() => {
          finish(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** eventually polls `condition` (for state outside the sink: counters, processes). */
export async function eventually(what: string, condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** isAlive says whether a process with `pid` exists and is not a zombie. */
export const isAlive = alive;

/** processTree lists `pid` and every process descended from it whose command line passes `only`. */
export function processTree(pid: number, only: (cmdline: string) => boolean = () => true): number[] {
  return [pid, ...descendants(pid)].filter((each) => {
    try {
      return only(readFileSync(`/proc/${each}/cmdline`, "utf8"));
    } catch {
      return false; // it ended while we looked
    }
  });
}

/** rendererPids lists the renderer processes of browser `pid`. */
export function rendererPids(pid: number): number[] {
  return processTree(pid, (cmdline) => cmdline.includes("--type=renderer"));
}

/** symbol builds a SymbolRef on the default exchange. */
export function symbol(ticker: string): SymbolRef {
  return { exchange: "BINANCE", ticker, id: ticker };
}

/** Fixture is a running look-alike and a scraper pointed at it. */
export interface Fixture {
  readonly market: SimMarket;
  readonly sim: SimServer;
  readonly scraper: Scraper;
  /** close closes scraper, server and market, and checks nothing is left behind. */
  close(): Promise<void>;
}

/** startFixture starts the look-alike (fast walk) and a headless scraper with small timeouts. */
export async function startFixture(options: Partial<ScraperOptions> = {}): Promise<Fixture> {
  const market = createSimMarket({ tickMs: 150 });
  const sim = await startSimServer(market);
  const scraper = createScraper({
    baseUrl: sim.baseUrl,
    executablePath: CHROMIUM,
    headless: true,
    firstPriceTimeoutMs: 5000,
    backoffBaseMs: 100,
    relaunchBackoffMs: 100,
    maxAttempts: 3,
    // Tests count pages exactly; spare pages have a test of their own (scraper-spares.test.ts).
    sparePages: 0,
    logger: process.env.SCRAPER_TEST_LOG ? createLogger({ level: "debug" }) : silentLogger,
    ...options,
  });
  await eventually("the browser to launch", () => scraper.ready());
  return {
    market,
    sim,
    scraper,
    async close() {
      const pid = scraper.browserProcessId();
      const tree = pid === undefined ? [] : processTree(pid);
      await scraper.close();
      await scraper.close(); // idempotent
      expect(scraper.ready()).toBe(false);
      expect(scraper.openPageCount()).toBe(0);
      // The browser and its helpers (zygote, GPU, renderers) are all gone.
      await eventually("every Chromium process to end", () => !tree.some(isAlive), 10_000);
      expect(pid !== undefined && isAlive(pid)).toBe(false);
      await eventually("the sim's live connections to close", () => market.totalOpenConnections() === 0);
      await sim.close();
      market.close();
    },
  };
}

/** after returns the events after the last `state` event (all of them when there is none). */
export function after(events: FeedEvent[], state: FeedState): FeedEvent[] {
  const index = events.findLastIndex((e) => e.kind === "state" && e.state === state);
  return events.slice(index + 1);
}

/** resumedAfter holds once a feed that went `state` is live again and has sent a price since. */
export function resumedAfter(state: FeedState): (events: FeedEvent[]) => boolean {
  return (events) => {
    if (!events.some((e) => e.kind === "state" && e.state === state)) return false;
    const since = after(events, state);
    const live = since.findIndex((e) => e.kind === "state" && e.state === "live");
    return live >= 0 && since.slice(live).some((e) => e.kind === "price");
  };
}

/** expectNoRepeats checks that no price was sent twice in a row. */
export function expectNoRepeats(prices: string[]): void {
  prices.forEach((price, i) => i > 0 && expect(price, `price #${i}`).not.toBe(prices[i - 1]));
}

/** commandLine is the argv of process `pid`, to tell a headed browser from a headless one. */
export function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
}
