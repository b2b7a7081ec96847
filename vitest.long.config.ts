import { defineConfig } from "vitest/config";

/**
 * The long tier, `npm run test:long`: the files named `*.long.test.ts` (LONG_TESTS in
 * vitest.pools.ts), one at a time, since churn weighs the heap and the whole-process scenarios
 * (signals, a cluster over Redis, `./run.sh` rebuilding what the others run) want the machine.
 */
export default defineConfig({
  test: {
    projects: ["backend/vitest.long.config.ts", "e2e/vitest.long.config.ts"],
  },
});
