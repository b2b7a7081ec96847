import type { BrowserContext, Page } from "playwright";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../log.js";
import { QuietGate } from "./quiet-gate.js";
import { SparePages } from "./spare-pages.js";

/** fakePage is the little of a Page the pool touches. */
function fakePage(): Page {
  return { isClosed: () => false, once: () => undefined } as unknown as Page;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SparePages", () => {
  it("when a symbol is opening cold, then no spare is created until it is priced, and then two at a time up to size", async () => {
    const gate = new QuietGate();
    let opening = 0;
    let most = 0;
    const made: Page[] = [];
    const pool = new SparePages({
      size: 5,
      quiet: () => gate.quiet(60_000),
      logger: silentLogger,
      open: async () => {
        most = Math.max(most, ++opening);
        await settle();
        opening--;
        const page = fakePage();
        made.push(page);
        return page;
      },
      close: () => Promise.resolve(),
    });
    const context = {} as BrowserContext;
    const priced = gate.enter();
    pool.fill(context);
    await settle();
    expect(made).toHaveLength(0);

    priced();
    await expect.poll(() => made.length).toBe(5);
    expect(most).toBe(2);
    expect(pool.take(context)).toBe(made[0]);
    await pool.stop();
    expect(pool.take(context)).toBeUndefined();
  });
});
