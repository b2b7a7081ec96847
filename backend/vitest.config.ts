import { configDefaults, defineConfig } from "vitest/config";

/**
 * The long tier: runs that take minutes (churn through real Chromium, soak-like settles). `npm test`
 * leaves them out so the default loop stays fast; `npm run test:long` (vitest.long.config.ts) runs
 * them, and CI runs both tiers on every submission.
 */
export const LONG_TESTS = ["test/**/*.long.test.ts"];

/** Settings both tiers share: Node, real Chromium in many tests, two cores. */
export const backendTest = {
  environment: "node",
  // Real Chromium runs in many of these tests; two cores cannot run more than two at once well.
  maxWorkers: 2,
  testTimeout: 60_000,
  hookTimeout: 60_000,
} as const;

export default defineConfig({
  test: {
    ...backendTest,
    name: "backend",
    // Projects with their own maxWorkers run as separate groups: backend first, then the grid, then e2e.
    sequence: { groupOrder: 0 },
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...LONG_TESTS],
  },
});
