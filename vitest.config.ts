import { defineConfig } from "vitest/config";

// One test command for the whole repo; each workspace keeps its own settings.
export default defineConfig({
  test: {
    projects: ["packages/symbols", "backend", "frontend", "e2e", "lint"],
  },
});
