import { configDefaults, defineConfig } from "vitest/config";
import { LONG_TESTS, SERIAL_FILES, SHARED_POOL } from "../vitest.pools.js";

/** Settings every backend project shares (this, serial, long). */
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
