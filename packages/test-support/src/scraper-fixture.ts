/**
 * The scraper's integration fixture: the look-alike and a headless scraper pointed at it. Closing
 * it reports what was left behind; the tests assert on the report.
 */
import { createLogger, silentLogger } from "@crypto-stream/backend/log";
import { createScraper, type Scraper, type ScraperOptions } from "@crypto-stream/backend/scraper";
import { createSimMarket, startSimServer, type SimMarket, type SimServer } from "@crypto-stream/backend/sim";
import { alive, processTree } from "./processes.js";
import { chromiumFor } from "./test-browser.js";
import { waitFor } from "./wait-for.js";

/** rendererPids lists the renderer processes of browser `pid`. */
export function rendererPids(pid: number): number[] {
  return processTree(pid, (cmdline) => cmdline.includes("--type=renderer"));
}

/** Leftovers is what a closed fixture left behind: {@link CLEAN} when it cleaned up. */
export interface Leftovers {
  /** ready is the scraper's readiness after close (twice, to prove close idempotent). */
  readonly ready: boolean;
  readonly openPages: number;
  /** chromium are the browser's processes (zygote, GPU, renderers) still running after 10 s. */
  readonly chromium: readonly number[];
  /** simConnections are the look-alike's live sockets still open after 30 s. */
  readonly simConnections: number;
}

/** CLEAN is the report of a fixture that left nothing behind. */
export const CLEAN: Leftovers = { ready: false, openPages: 0, chromium: [], simConnections: 0 };

/** Fixture is a running look-alike and a scraper pointed at it. */
export interface Fixture {
  readonly market: SimMarket;
  readonly sim: SimServer;
  readonly scraper: Scraper;
  /** close closes scraper (twice), server and market, and reports what outlived them. */
  close(): Promise<Leftovers>;
}

/** startFixture starts the look-alike (fast walk) and a headless scraper with small timeouts. */
export async function startFixture(options: Partial<ScraperOptions> = {}): Promise<Fixture> {
  const market = createSimMarket({ tickMs: 150 });
  const sim = await startSimServer(market);
  const scraper = createScraper({
    baseUrl: sim.baseUrl,
    executablePath: chromiumFor(options.headless ?? true),
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
  await waitFor("the browser to launch", () => scraper.ready(), { timeoutMs: 30_000, intervalMs: 25 });
  return {
    market,
    sim,
    scraper,
    async close() {
      const pid = scraper.browserProcessId();
      const tree = pid === undefined ? [] : processTree(pid);
      await scraper.close();
      await scraper.close();
      const ready = scraper.ready();
      const openPages = scraper.openPageCount();
      const settled = (what: string, done: () => boolean, timeoutMs: number) =>
        waitFor(what, done, { timeoutMs, intervalMs: 25 }).catch(() => undefined);
      await settled("every Chromium process to end", () => !tree.some(alive), 10_000);
      await settled("the sim's live connections to close", () => market.totalOpenConnections() === 0, 30_000);
      const report: Leftovers = { ready, openPages, chromium: tree.filter(alive), simConnections: market.totalOpenConnections() };
      await sim.close();
      market.close();
      return report;
    },
  };
}
