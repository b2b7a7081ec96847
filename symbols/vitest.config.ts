import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "symbols",
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
