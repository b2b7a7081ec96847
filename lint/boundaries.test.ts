import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

// The repository's own config, minus type information: the fixtures below are not on disk, so no
// tsconfig holds them, and the boundary rules need only the import paths.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

const BOUNDARY_RULES = new Set(["import-x/no-restricted-paths", "no-restricted-imports"]);

/** boundaryErrors lints `lines` as if they were the file at `filePath` and lists "line rule" per boundary error. */
async function boundaryErrors(filePath: string, lines: string[]): Promise<string[]> {
  const [result] = await eslint.lintText(`${lines.join("\n")}\n`, { filePath });
  const fatal = result?.messages.filter((message) => message.fatal) ?? [];
  expect(fatal).toEqual([]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId !== null && BOUNDARY_RULES.has(message.ruleId) && message.severity === 2)
    .map((message) => `${message.line} ${message.ruleId}`);
}

describe("import boundaries", () => {
  it("when activity/ imports the API layer, the cluster or the wire format, then each import is an error", async () => {
    const errors = await boundaryErrors("backend/src/activity/violation.ts", [
      'import type { HubObserver } from "../hub/hub.js";',
      'import { createStatusRoutes } from "../rpc/services/status-service.js";',
      'import { createClusterSource } from "../cluster/index.js";',
      'import { Code } from "@connectrpc/connect";',
      "export const used = [createStatusRoutes, createClusterSource, Code];",
      "export type Used = HubObserver;",
    ]);
    expect(errors).toEqual(["2 import-x/no-restricted-paths", "3 import-x/no-restricted-paths", "4 no-restricted-imports"]);
  });

  it("when alerts/ imports the hub, the API layer or the wire format, then each import is an error", async () => {
    const errors = await boundaryErrors("backend/src/alerts/violation.ts", [
      'import { parseExact } from "./exact-decimal.js";',
      'import type { HubEvent } from "../hub/events.js";',
      'import { withErrors } from "../rpc/errors.js";',
      'import { Code } from "@connectrpc/connect";',
      "export const used = [parseExact, withErrors, Code];",
      "export type Used = HubEvent;",
    ]);
    expect(errors).toEqual(["2 import-x/no-restricted-paths", "3 import-x/no-restricted-paths", "4 no-restricted-imports"]);
  });

  it("when hub/ imports the browser, an adapter, the web framework or the wire format, then each import is an error", async () => {
    const errors = await boundaryErrors("backend/src/hub/violation.ts", [
      'import { parseSymbol } from "../symbols/symbol.js";',
      'import { chromium } from "playwright";',
      'import { createScraper } from "../scraper/index.js";',
      'import type { Request } from "express";',
      'import { Code } from "@connectrpc/connect";',
      'import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";',
      "export const used = [parseSymbol, chromium, createScraper, Code, SymbolState];",
      "export type Used = Request;",
    ]);
    expect(errors).toEqual([
      "2 no-restricted-imports",
      "3 import-x/no-restricted-paths",
      "4 no-restricted-imports",
      "5 no-restricted-imports",
      "6 no-restricted-imports",
      "6 import-x/no-restricted-paths",
    ]);
  });

  it("when scraper/ imports rpc/ or rpc/ imports playwright, then those imports are errors", async () => {
    expect(
      await boundaryErrors("backend/src/scraper/violation.ts", [
        'import { withErrors } from "../rpc/errors.js";',
        "export const used = withErrors;",
      ]),
    ).toEqual(["1 import-x/no-restricted-paths"]);
    expect(
      await boundaryErrors("backend/src/rpc/violation.ts", ['import { chromium } from "playwright";', "export const used = chromium;"]),
    ).toEqual(["1 no-restricted-imports"]);
  });

  it("when a feature imports another feature's internals, then only that import is an error", async () => {
    const errors = await boundaryErrors("frontend/src/features/access/violation.ts", [
      'import { TickerDashboard } from "../tickers/index.js";',
      'import { parseSymbol } from "../tickers/model/symbol.js";',
      "export const used = [TickerDashboard, parseSymbol];",
    ]);
    expect(errors).toEqual(["2 import-x/no-restricted-paths"]);
  });

  it("when the grid imports the backend, then that import is an error", async () => {
    const errors = await boundaryErrors("frontend/src/app/violation.ts", [
      'import { createHub } from "../../../backend/src/hub/index.js";',
      "export const used = createHub;",
    ]);
    expect(errors).toEqual(["1 import-x/no-restricted-paths"]);
  });

  it("when test support, the benchmark or e2e imports backend/src by path, then it is an error, and the package's exports are not", async () => {
    for (const file of ["packages/test-support/src/violation.ts", "bench/violation.ts", "e2e/support/violation.ts"]) {
      const depth = file.split("/").length - 1;
      const byPath = `${"../".repeat(depth)}backend/src`;
      expect(
        await boundaryErrors(file, [
          `import { createHub } from "${byPath}/hub/hub.js";`,
          `import { mulberry32 } from "${byPath}/sim/prng.js";`,
          'import { QuoteHistory } from "@crypto-stream/backend/hub";',
          'import { clockTick } from "@crypto-stream/backend/sim";',
          "export const used = [createHub, mulberry32, QuoteHistory, clockTick];",
        ]),
        file,
      ).toEqual(["1 no-restricted-imports", "2 no-restricted-imports"]);
    }
  });

  it("when product code imports test support, then it is an error, and a test beside it may", async () => {
    const lines = ['import { createFakeSource } from "@crypto-stream/test-support/fake-source";', "export const used = createFakeSource;"];
    expect(await boundaryErrors("backend/src/rpc/violation.ts", lines)).toEqual(["1 import-x/no-restricted-paths"]);
    expect(await boundaryErrors("backend/src/rpc/violation.test.ts", lines)).toEqual([]);
    const byPath = ['import { createFakeSource } from "../../../packages/test-support/src/fake-source.js";', "export const used = createFakeSource;"];
    expect(await boundaryErrors("backend/src/rpc/violation.ts", byPath)).toEqual(["1 import-x/no-restricted-paths"]);
  });
});
