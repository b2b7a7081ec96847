import { defineConfig } from "vitest/config";
import { SHARED_POOL } from "../../vitest.pools.js";

export default defineConfig({
  test: {
    name: "symbols",
    environment: "node",
    include: ["src/**/*.test.ts"],
    ...SHARED_POOL,
  },
});
