import { defineConfig } from "vitest/config";
import { backendTest, LONG_TESTS } from "./vitest.config.js";

/** The long tier (`npm run test:long`): only the runs the default tier leaves out. */
export default defineConfig({
  test: {
    ...backendTest,
    name: "backend-long",
    // Run from the repository root (npm run test:long), paths stay relative to backend/.
    root: import.meta.dirname,
    include: LONG_TESTS,
  },
});
