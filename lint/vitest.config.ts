import { defineConfig } from "vitest/config";
import { SHARED_POOL } from "../vitest.pools.js";

export default defineConfig({
  test: {
    name: "lint",
    ...SHARED_POOL,
    environment: "node",
    include: ["**/*.test.ts"],
    // Loading the ESLint config and its resolver takes a second or two on a busy machine.
    testTimeout: 30_000,
  },
});
