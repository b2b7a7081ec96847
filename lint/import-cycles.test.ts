import { describe, expect, it } from "vitest";
import { findCycles, repositoryCycles } from "./import-cycles.js";

/** files builds the in-memory tree findCycles reads: absolute path → source text. */
const files = (tree: Record<string, string[]>) => new Map(Object.entries(tree).map(([path, lines]) => [path, lines.join("\n")]));

describe("import cycles", () => {
  it("when three modules import each other in a circle through type-only imports, then that circle is reported", () => {
    const cycles = findCycles(
      files({
        "/src/lease-keeper.ts": ['import type { SlotDeps } from "./slot-deps.js";'],
        "/src/slot-deps.ts": ['import type { SymbolSlot } from "./symbol-slot.js";'],
        "/src/symbol-slot.ts": ['import { LeaseKeeper } from "./lease-keeper.js";', 'import { helper } from "./util";'],
        "/src/util/index.ts": ["export const helper = 1;"],
      }),
    );
    expect(cycles).toEqual([["/src/lease-keeper.ts", "/src/slot-deps.ts", "/src/symbol-slot.ts"]]);
  });

  it("when a re-export or a folder index closes the circle, then it is reported too", () => {
    const cycles = findCycles(
      files({
        "/src/hub/index.ts": ['export type { HubOptions } from "./hub.js";'],
        "/src/hub/hub.ts": ['import { createFeedTable } from "./feed-table.js";'],
        "/src/hub/feed-table.ts": ['import type { HubOptions } from "../hub";'],
      }),
    );
    expect(cycles).toEqual([["/src/hub/feed-table.ts", "/src/hub/hub.ts", "/src/hub/index.ts"]]);
  });

  it("when imports go one way, then nothing is reported", () => {
    const cycles = findCycles(
      files({
        "/src/hub.ts": ['import type { HubOptions } from "./hub-options.js";', 'import { createFeedTable } from "./feed-table.js";'],
        "/src/feed-table.ts": ['import type { HubOptions } from "./hub-options.js";'],
        "/src/hub-options.ts": ['import type { Logger } from "./log.js";', 'import { z } from "zod";'],
      }),
    );
    expect(cycles).toEqual([]);
  });

  it("when the repository is read, then it has no import cycle", () => {
    expect(repositoryCycles()).toEqual([]);
  });
});
