import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "e2e",
    sequence: { groupOrder: 2 },
    environment: "node",
    include: ["**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
