import { configDefaults, defineConfig } from "vitest/config";
import { SERIAL_FILES, SHARED_POOL } from "../vitest.pools.js";

/**
 * The long tier: runs that take minutes (churn through real Chromium, soak-like settles). `npm test`
 * leaves them out so the default loop stays fast; `npm run test:long` (vitest.long.config.ts) runs
 * them, and CI runs both tiers on every submission.
 */
export const LONG_TESTS = ["test/**/*.long.test.ts"];

/** Settings both tiers share. */
export const backendTest = {
  environment: "node",
  testTimeout: 60_000,
  hookTimeout: 60_000,
} as const;

export default defineConfig({
  test: {
    ...backendTest,
    ...SHARED_POOL,
    name: "backend",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      ...LONG_TESTS,
      ...SERIAL_FILES.filter((f) => f.startsWith("backend/")).map((f) => f.slice("backend/".length)),
    ],
  },
});
