import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "lint",
    // Its own group: the other projects set their own maxWorkers.
    sequence: { groupOrder: 3 },
    environment: "node",
    include: ["**/*.test.ts"],
    // Loading the ESLint config and its resolver takes a second or two on a busy machine.
    testTimeout: 30_000,
  },
});
