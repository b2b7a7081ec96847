import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "backend",
    // Projects with their own maxWorkers run as separate groups: backend first, then the grid, then e2e.
    sequence: { groupOrder: 0 },
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Real Chromium runs in many of these tests; two cores cannot run more than two at once well.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
