import { defineConfig } from "vitest/config";
import { LONG_TESTS, SERIAL_POOL } from "../vitest.pools.js";
import { e2eTest } from "./vitest.config.js";

/** The end-to-end part of the long tier (vitest.long.config.ts at the root): one file at a time. */
export default defineConfig({
  test: {
    ...e2eTest,
    ...SERIAL_POOL,
    name: "e2e-long",
    root: import.meta.dirname,
    include: [...LONG_TESTS],
  },
});
