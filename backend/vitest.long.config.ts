import { defineConfig } from "vitest/config";
import { LONG_TESTS, SERIAL_POOL } from "../vitest.pools.js";
import { backendTest } from "./vitest.config.js";

/** The backend's part of the long tier (vitest.long.config.ts at the root): one file at a time. */
export default defineConfig({
  test: {
    ...backendTest,
    ...SERIAL_POOL,
    name: "backend-long",
    root: import.meta.dirname,
    include: [...LONG_TESTS],
  },
});
