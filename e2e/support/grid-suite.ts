/**
 * What a test file of the web grid shares: one test browser and one server for the file, started
 * and stopped in an order that keeps their processes apart, and the bounded waits its checks use.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright";
import { expect } from "vitest";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { repoRoot } from "@crypto-stream/test-support/spawn-in-repo";
import { closeBrowser, launchBrowser, type TestBrowser } from "@crypto-stream/test-support/test-browser";

/** PAGES_OPEN bounds a wait for pages to open: generous, since a busy 2-core machine is slow. */
export const PAGES_OPEN = { timeout: 45_000, interval: 200 };
/** QUICK bounds a wait for what follows at once: a close, a removal, a form showing. */
export const QUICK = { timeout: 15_000, interval: 100 };

/** GridSuite is a test file's browser and server; each is absent until `start`. */
export interface GridSuite {
  /** server is the running server; a test that stops or replaces it sets it. */
  server: ServerProcess | undefined;
  /** current is the running server. @throws Error when none is running. */
  current(): ServerProcess;
  /** browser is the test's Chromium. @throws Error when none is running. */
  browser(): Browser;
  /**
   * start launches the test browser, then the server with `options`. In that order: the browser
   * counts as its own every process that appears under the test while it launches, and the
   * server's Chromium starts helpers meanwhile.
   * @throws Error when the web grid is not built.
   */
  start(options?: Parameters<typeof startServerProcess>[0]): Promise<void>;
  /**
   * closeBrowser closes the test browser, if any, waits (bounded) for its processes to end and
   * resolves with those still running: [] when it cleaned up.
   */
  closeBrowser(): Promise<number[]>;
  /**
   * finish ends the file: closes the browser, then (even if that failed) stops the server and
   * clears `server`. It resolves with what the file's checks need: the browser's processes still
   * running, and the stopped server with its exit code (undefined when none was running).
   */
  finish(): Promise<SuiteEnd>;
}

/** SuiteEnd is what `finish` found. */
export interface SuiteEnd {
  browserLeft: number[];
  server: ServerProcess | undefined;
  exitCode: number | null | undefined;
}

/**
 * createGridSuite makes the holder, empty. Call `start` in beforeAll and `finish` in afterAll, then
 * check what it returns as the file wants (exit code, leftovers, logs).
 */
export function createGridSuite(): GridSuite {
  let chromium: TestBrowser | undefined;
  const suite: GridSuite = {
    server: undefined,
    current() {
      if (suite.server === undefined) throw new Error("no server is running");
      return suite.server;
    },
    browser() {
      if (chromium === undefined) throw new Error("no browser is running");
      return chromium.browser;
    },
    async start(options) {
      if (!existsSync(join(repoRoot, "frontend", "dist", "index.html"))) {
        throw new Error("the web grid is not built: run `npm run build` first");
      }
      chromium = await launchBrowser();
      suite.server = await startServerProcess(options);
    },
    async closeBrowser() {
      const closing = chromium;
      chromium = undefined;
      return closing ? closeBrowser(closing) : [];
    },
    async finish() {
      const server = suite.server;
      suite.server = undefined;
      let browserLeft: number[];
      let exitCode: number | null | undefined;
      try {
        browserLeft = await suite.closeBrowser();
      } finally {
        // The server is stopped even when closing the browser failed; that failure still surfaces.
        exitCode = server ? await server.stop() : undefined;
      }
      return { browserLeft, server, exitCode };
    },
  };
  return suite;
}

/**
 * expectCleanEnd checks what `finish` found, for a file that wants it all: no browser process
 * left, and the server, if one ran, exited 0, left no process behind and logged no error.
 * Returns the server, for the file's own further checks.
 */
export function expectCleanEnd(end: SuiteEnd): ServerProcess | undefined {
  expect(end.browserLeft).toEqual([]);
  const { server } = end;
  if (server) {
    expect(end.exitCode, server.logs()).toBe(0);
    expect(server.leftovers()).toEqual([]);
    expect(server.logs()).not.toContain('"level":"error"');
  }
  return server;
}
