// @ts-check
// The layering of Crypto Stream, checked by ESLint instead of review. Two rules carry it:
// `import-x/no-restricted-paths` for files of this repository (by the path an import resolves to,
// so `../scraper/index.js` and `../scraper` are caught alike) and `no-restricted-imports` for
// packages (by name, because a package's resolved path depends on where its types live).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const ROOT = join(import.meta.dirname, "..");

/** Where test support lives; product code must not reach it. */
const TEST_SUPPORT = ["**/testing/**", "**/packages/test-support/**", "**/node_modules/@crypto-stream/test-support/**"];

/** Files that are tests or test support, so they may import test support. */
export const TEST_FILES = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/testing/**",
  "**/test-setup.ts",
  "packages/test-support/**",
];

/** Product code: what ships. Test files inside it are left out through `ignores`. */
const PRODUCT_FILES = ["backend/src/**/*.{ts,tsx}", "frontend/src/**/*.{ts,tsx}"];

const GEN = { name: "@crypto-stream/gen", message: "Protobuf types belong to rpc/ (the edge), not to this layer." };
const CONNECT = { group: ["@connectrpc/*"], message: "ConnectRPC belongs to rpc/ (the edge), not to this layer." };
const GEN_DEEP = { group: ["@crypto-stream/gen/*"], message: GEN.message };
const PLAYWRIGHT = ["playwright", "playwright-core"].map((name) => ({
  name,
  message: "Only scraper/ drives the browser.",
}));
const EXPRESS = { name: "express", message: "The web framework stays at the edge (server, rpc)." };
/** By the specifier, not the resolved path: the package's exports resolve into backend/src too. */
const BACKEND_SRC = {
  regex: "(^|/)backend/src(/|$)",
  message: "Outside backend/, reach the backend through its package exports (@crypto-stream/backend/hub, /sim, /server, ...), not by path.",
};

/** Package bans per folder; the folders do not overlap, so each file gets exactly one list. */
const PACKAGE_BANS = [
  { files: ["backend/src/hub/**"], paths: [...PLAYWRIGHT, EXPRESS, GEN], patterns: [CONNECT, GEN_DEEP] },
  { files: ["backend/src/scraper/**"], paths: [GEN], patterns: [CONNECT, GEN_DEEP] },
  { files: ["backend/src/activity/**"], paths: [...PLAYWRIGHT, EXPRESS, GEN], patterns: [CONNECT, GEN_DEEP] },
  { files: ["backend/src/alerts/**"], paths: [...PLAYWRIGHT, EXPRESS, GEN], patterns: [CONNECT, GEN_DEEP] },
  { files: ["backend/src/rpc/**"], paths: PLAYWRIGHT, patterns: [] },
  { files: ["packages/**", "bench/**", "e2e/**"], paths: [], patterns: [BACKEND_SRC] },
  {
    files: ["frontend/**"],
    paths: [{ name: "@crypto-stream/backend", message: "The grid talks to the backend only over the API." }],
    patterns: [],
  },
];

/** Folder-to-folder bans that hold for tests too. */
function layerZones() {
  const features = readdirSync(join(ROOT, "frontend/src/features"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [
    {
      target: "./backend/src/hub",
      from: ["./backend/src/scraper", "./backend/src/rpc", "./backend/src/cluster", "./gen"],
      message: "hub/ is the core: it owns the PriceSource port and knows no adapter, browser or wire format.",
    },
    {
      target: "./backend/src/scraper",
      from: ["./backend/src/rpc", "./gen"],
      message: "scraper/ implements hub's PriceSource and knows nothing of the API.",
    },
    {
      target: "./backend/src/activity",
      from: ["./backend/src/rpc", "./backend/src/cluster", "./gen"],
      message: "activity/ records what the hub and scraper report; rpc/ turns it into messages, not the other way.",
    },
    {
      target: "./backend/src/alerts",
      from: ["./backend/src/hub", "./backend/src/scraper", "./backend/src/rpc", "./backend/src/cluster", "./gen"],
      message: "alerts/ is the pure firing rule: the hub carries its events and rpc/ wires it, not the other way.",
    },
    { target: "./frontend", from: "./backend", message: "The grid talks to the backend only over the API." },
    {
      target: "./frontend/src/lib",
      from: ["./frontend/src/features", "./frontend/src/app"],
      message: "Imports go one way: lib → features → app.",
    },
    { target: "./frontend/src/features", from: "./frontend/src/app", message: "Imports go one way: lib → features → app." },
    ...features.map((feature) => ({
      target: `./frontend/src/features/${feature}`,
      from: "./frontend/src/features",
      // Another feature's testing/ is open to tests; the test-support zone keeps product code out.
      except: [`./${feature}`, ...features.filter((other) => other !== feature).flatMap((other) => [`./${other}/index.ts`, `./${other}/testing`])],
      message: "A feature reaches another feature only through that feature's index.ts.",
    })),
  ];
}

/** The zone that keeps test support out of product code. */
const testSupportZone = {
  target: PRODUCT_FILES,
  from: TEST_SUPPORT,
  message: "Product code must not import test support.",
};

const resolverSettings = {
  "import-x/resolver-next": [
    createTypeScriptImportResolver({
      project: ["backend/tsconfig.json", "frontend/tsconfig.json", "e2e/tsconfig.json", "bench/tsconfig.json", "packages/*/tsconfig.json"],
      noWarnOnMultipleProjects: true,
    }),
  ],
};

/**
 * The flat-config objects that encode the layering. Paths are relative to the repository root, which
 * is where ESLint must run (its `cwd`); every rule here is an error.
 * @returns {import("eslint").Linter.Config[]}
 */
export function boundaries() {
  const zones = layerZones();
  /** @type {(all: object[]) => import("eslint").Linter.RuleEntry} */
  const rule = (all) => ["error", { basePath: ROOT, zones: all }];
  /** @type {(bans: { paths: object[]; patterns: object[] }) => import("eslint").Linter.RuleEntry} */
  const banned = (bans) => ["error", bans];
  return [
    {
      name: "boundaries/paths",
      files: ["**/*.{ts,tsx}"],
      plugins: { "import-x": importX },
      settings: resolverSettings,
      rules: { "import-x/no-restricted-paths": rule(zones) },
    },
    {
      name: "boundaries/product-paths",
      files: PRODUCT_FILES,
      ignores: TEST_FILES,
      rules: { "import-x/no-restricted-paths": rule([...zones, testSupportZone]) },
    },
    ...PACKAGE_BANS.map(({ files, paths, patterns }) => ({
      name: `boundaries/packages:${files.join(",")}`,
      files,
      rules: { "no-restricted-imports": banned({ paths, patterns }) },
    })),
  ];
}
