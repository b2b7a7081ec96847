/**
 * The grid pages a suite's tests open, kept so that a failed test's pages are closed after it and
 * the next test starts clean; closing a page checks that the server let go of everything it held.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { openGrid as openGridPage, type GridPage, type OpenOptions } from "./grid-page.js";
import { expectCleanEnd, QUICK, type GridSuite } from "./grid-suite.js";
import { readiness } from "./probes.js";

/** GridPages opens pages on the suite's browser and server, and closes them. */
export interface GridPages {
  open(options?: OpenOptions): Promise<GridPage>;
  /** close closes the page, having seen no page error, and waits for the server to end its watch and release every symbol. */
  close(grid: GridPage): Promise<void>;
  /** closeBeside closes the page, having seen no page error, while others still hold its symbols. */
  closeBeside(grid: GridPage): Promise<void>;
  /** closeLeftovers closes what a failed test left open (for afterEach). */
  closeLeftovers(): Promise<void>;
}

/** createGridPages keeps the pages of one suite. */
export function createGridPages(suite: Pick<GridSuite, "browser" | "current">): GridPages {
  const open = new Set<GridPage>();
  return {
    async open(options = {}) {
      const grid = await openGridPage(suite.browser(), suite.current().url, options);
      open.add(grid);
      return grid;
    },
    async close(grid) {
      expect(grid.pageErrors).toEqual([]);
      open.delete(grid);
      await grid.close();
      await expect.poll(() => readiness(suite.current().url), QUICK).toMatchObject({ watches: 0, subscribers: 0, symbols: 0 });
    },
    async closeBeside(grid) {
      expect(grid.pageErrors).toEqual([]);
      open.delete(grid);
      await grid.close();
    },
    async closeLeftovers() {
      for (const grid of open) await grid.close();
      open.clear();
    },
  };
}

/**
 * hookGridSuite gives a describe block the suite's life: `before` (if any) and the start before
 * all, a failed test's pages closed after each, and a clean end (expectCleanEnd) after all.
 */
export function hookGridSuite(suite: Pick<GridSuite, "start" | "finish">, pages: GridPages, before?: () => Promise<unknown>): void {
  beforeAll(async () => {
    await before?.();
    await suite.start();
  });
  afterEach(() => pages.closeLeftovers());
  afterAll(async () => {
    expectCleanEnd(await suite.finish());
  });
}
