import { defineConfig } from "vitest/config";

/**
 * One test command for the whole repo; each workspace keeps its own settings. Every project runs
 * in one pool at once, so a file waiting on Chromium or a timer leaves the cores to another; files
 * that need the machine to themselves run after them, alone (backend/vitest.serial.config.ts).
 */
export default defineConfig({
  test: {
    projects: ["packages/symbols", "backend", "frontend", "e2e", "lint", "backend/vitest.serial.config.ts"],
  },
});
