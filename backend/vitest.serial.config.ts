import { defineConfig } from "vitest/config";
import { SERIAL_FILES, SERIAL_POOL } from "../vitest.pools.js";
import { backendTest } from "./vitest.config.js";

/** The files that need the machine to themselves (vitest.pools.ts), after everything else. */
export default defineConfig({
  test: {
    ...backendTest,
    ...SERIAL_POOL,
    name: "serial",
    root: `${import.meta.dirname}/..`,
    include: [...SERIAL_FILES],
  },
});
