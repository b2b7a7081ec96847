import { defineConfig } from "vitest/config";
import { SERIAL_FILES, SHARED_POOL } from "../vitest.pools.js";

/** The e2e files that share the pool; SERIAL_FILES run in e2e/vitest.serial.config.ts. */
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
    exclude: ["node_modules/**", ...SERIAL_FILES.filter((f) => f.startsWith("e2e/")).map((f) => f.slice("e2e/".length))],
  },
});
