/**
 * `npm run build --workspace backend`: bundles the server (src/main.ts with the workspace packages
 * it imports, gen/ and packages/symbols) into dist/main.js, which `npm start` and run.sh run with
 * plain node. npm dependencies stay outside the bundle, loaded from node_modules as they are.
 *
 * Why a bundle rather than tsx at run time: tsx compiles every file on each start, and gives every
 * function a name property (esbuild's keepNames), which is about a third of what an idle stream
 * holds (docs/performance/fan-out.md). dist/ sits beside src/, so paths the code resolves against
 * its own file (config's STATIC_DIR, version.ts's package.json) land on the same files either way.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const manifest = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
const external = Object.keys(manifest.dependencies)
  .filter((name) => !name.startsWith("@crypto-stream/"))
  // A package and any of its subpaths (`@connectrpc/connect/protocol`, `playwright/...`).
  .flatMap((name) => [name, `${name}/*`]);

await build({
  // fileURLToPath, not URL.pathname: a checkout under a folder with a space in its name must build.
  entryPoints: [fileURLToPath(new URL("src/main.ts", import.meta.url))],
  outfile: fileURLToPath(new URL("dist/main.js", import.meta.url)),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  // Stack traces in the logs point at the TypeScript (run with --enable-source-maps).
  sourcemap: true,
  logLevel: "warning",
});
