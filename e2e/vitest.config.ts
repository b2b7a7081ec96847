import { defineConfig } from "vitest/config";
import { LONG_TESTS, SHARED_POOL } from "../vitest.pools.js";

/** The e2e files of `npm test`; those named `*.long.test.ts` are the long tier's (vitest.long.config.ts). */
export const e2eTest = {
  environment: "node",
  testTimeout: 120_000,
  hookTimeout: 120_000,
} as const;

export default defineConfig({
  test: {
    ...e2eTest,
    ...SHARED_POOL,
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ...LONG_TESTS],
  },
});
