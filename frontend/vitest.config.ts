import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.js";
import { SHARED_POOL } from "../vitest.pools.js";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      name: "frontend",
      ...SHARED_POOL,
      environment: "happy-dom",
      include: ["src/**/*.test.{ts,tsx}"],
      setupFiles: ["src/test-setup.ts"],
    },
  }),
);
