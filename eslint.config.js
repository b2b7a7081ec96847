// @ts-check
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { boundaries, TEST_FILES } from "./lint/boundaries.js";

// One config for every workspace. Type information comes from each folder's own tsconfig.json
// (the project service finds the nearest one), so a new packages/* folder is covered once it has one.
export default defineConfig(
  globalIgnores(["**/node_modules/", "**/dist/", "gen/src/", "bench/results/"]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    name: "crypto-stream/typescript",
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["vitest.config.ts", "vitest.long.config.ts", "vitest.pools.ts", "backend/vitest.config.ts", "backend/vitest.long.config.ts", "backend/vitest.serial.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Our factories return closures over their state (createTokenStore, createTickerStore, ...), and
      // their interfaces use method syntax for TSDoc; passing `store.subscribe` along is safe there,
      // and this rule cannot tell such an object from a class instance.
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // As `only-throw-error` does by default: an `any` here is a platform's (AbortSignal.reason).
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingAny: true }],
      // A `let` read by a callback before its one assignment (late binding) must stay a `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    name: "crypto-stream/tests",
    files: TEST_FILES,
    rules: {
      // Tests read untyped wire data on purpose (JSON bodies, raw stream results) and assert on it:
      // the assertion is the check, so these rules would only ask for casts.
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    name: "crypto-stream/frontend-react",
    files: ["frontend/src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
  },
  {
    name: "crypto-stream/plain-js",
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  boundaries(),
);
