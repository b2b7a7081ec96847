/**
 * What a test file of the web grid shares: one test browser and one server for the file, and the
 * bounded waits its checks use.
 */
import type { Browser } from "playwright";
import type { TestBrowser } from "./chromium.js";
import type { ServerProcess } from "./server-process.js";

/** PAGES_OPEN bounds a wait for pages to open: generous, since a busy 2-core machine is slow. */
export const PAGES_OPEN = { timeout: 45_000, interval: 200 };
/** QUICK bounds a wait for what follows at once: a close, a removal, a form showing. */
export const QUICK = { timeout: 15_000, interval: 100 };

/** GridSuite holds a test file's browser and server; each is absent until the file sets it. */
export interface GridSuite {
  /** server is the running server; a test that stops or replaces it sets it. */
  server: ServerProcess | undefined;
  chromium: TestBrowser | undefined;
  /** current is the running server. @throws Error when none is running. */
  current(): ServerProcess;
  /** browser is the test's Chromium. @throws Error when none is running. */
  browser(): Browser;
}

/** createGridSuite makes the holder, empty. */
export function createGridSuite(): GridSuite {
  const suite: GridSuite = {
    server: undefined,
    chromium: undefined,
    current() {
      if (suite.server === undefined) throw new Error("no server is running");
      return suite.server;
    },
    browser() {
      if (suite.chromium === undefined) throw new Error("no browser is running");
      return suite.chromium.browser;
    },
  };
  return suite;
}
