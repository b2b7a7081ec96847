/**
 * The whole backend in one test process: the real scraper in real Chromium reading the
 * TradingView look-alike, which the same HTTP server serves at /sim, behind the real app.
 */
import type { Logger } from "@crypto-stream/backend/log";
import { createScraper, type Scraper, type ScraperOptions } from "@crypto-stream/backend/scraper";
import { createSimMarket, type SimMarket } from "@crypto-stream/backend/sim";
import { alive } from "./processes.js";
import { HEADED } from "./headed.js";
import { chromiumFor } from "./test-browser.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./test-server.js";

/** LiveTestServer is the whole backend in this process; whoever starts it must `close()` it. */
export interface LiveTestServer {
  server: TestServer;
  scraper: Scraper;
  market: SimMarket;
  /** close stops the server, the browser and the market, and resolves with the Chromium PIDs still running: []. */
  close(): Promise<number[]>;
}

/**
 * startLiveTestServer starts the look-alike, the app and a scraper reading the look-alike through it
 * (headed when there is a display).
 */
export async function startLiveTestServer(
  options: {
    scraper?: Partial<ScraperOptions>;
    server?: Partial<Omit<TestServerOptions, "source" | "sim">>;
    tickMs?: number;
    logger?: Logger;
  } = {},
): Promise<LiveTestServer> {
  const market = createSimMarket({ seed: 7, tickMs: options.tickMs ?? 100 });
  // The scraper needs the server's URL and the server needs a source: bind the scraper late.
  let scraper: Scraper | undefined;
  const source = {
    watch: (...args: Parameters<Scraper["watch"]>) => scraper!.watch(...args),
    ready: () => scraper?.ready() ?? false,
    close: async () => scraper?.close(),
  };
  const server = await startTestServer({ ...options.server, source, sim: market, browser: () => live.status() });
  scraper = createScraper({
    baseUrl: `${server.baseUrl}/sim`,
    executablePath: chromiumFor(!HEADED),
    headless: !HEADED,
    firstPriceTimeoutMs: 5_000,
    backoffBaseMs: 100,
    // The tests count pages and renderers with four spares; ten (the default) only adds Chromium load here.
    sparePages: 4,
    logger: options.logger,
    onEvent: (event) => server.activity.scraperEvent(event),
    ...options.scraper,
  });
  const live = scraper;
  return {
    server,
    scraper: live,
    market,
    async close() {
      const pid = live.browserProcessId();
      await server.close();
      await live.close();
      market.close();
      return pid !== undefined && alive(pid) ? [pid] : [];
    },
  };
}
