import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "symbols",
    environment: "node",
    include: ["src/**/*.test.ts"],
    // Its own group: vitest refuses projects with different maxWorkers in one group.
    sequence: { groupOrder: 4 },
  },
});
