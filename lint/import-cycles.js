// @ts-check
// Import cycles, type-only imports counted. ESLint's import-x/no-cycle skips `import type` (no
// runtime effect), but a type-only circle is still two modules that cannot be read, moved or tested
// apart: the fix is the same (give a module its own options type, or bind callbacks per child).
// `npm run lint` runs this file; lint/import-cycles.test.ts proves it fires.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..");

/** The source folders checked: every package's own code, tests included. */
const CYCLE_ROOTS = ["backend/src", "backend/test", "frontend/src", "packages/symbols/src", "packages/test-support/src", "bench", "e2e"];

/**
 * importsOf lists the relative specifiers `source` imports or re-exports, `import type` and
 * `export type ... from` included.
 * @param {string} source
 * @returns {string[]}
 */
function importsOf(source) {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((name) => name.startsWith("."));
}

/**
 * resolveImport finds the file `specifier` names from `from` among `files`, as TypeScript's bundler
 * resolution would: `.js` written for `.ts`, a folder for its index.
 * @param {string} from @param {string} specifier @param {ReadonlyMap<string, string>} files
 * @returns {string | undefined}
 */
function resolveImport(from, specifier, files) {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, "");
  return [`${stem}.ts`, `${stem}.tsx`, join(base, "index.ts"), join(base, "index.tsx")].find((path) => files.has(path));
}

/**
 * findCycles lists every import cycle among `files` (absolute path → source text): each is the
 * files of one strongly connected component, sorted; a file that imports itself counts too.
 * @param {ReadonlyMap<string, string>} files
 * @returns {string[][]}
 */
export function findCycles(files) {
  /** @type {Map<string, string[]>} */
  const edges = new Map();
  for (const [path, source] of files) {
    const targets = importsOf(source).map((specifier) => resolveImport(path, specifier, files));
    edges.set(path, /** @type {string[]} */ (targets.filter((target) => target !== undefined)));
  }
  // Tarjan's strongly connected components.
  let next = 0;
  /** @type {Map<string, { index: number; low: number }>} */
  const seen = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const cycles = [];
  /** @param {string} node */
  const visit = (node) => {
    const mark = { index: next, low: next++ };
    seen.set(node, mark);
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      const other = seen.get(target);
      if (other === undefined) {
        visit(target);
        mark.low = Math.min(mark.low, /** @type {{ low: number }} */ (seen.get(target)).low);
      } else if (onStack.has(target)) mark.low = Math.min(mark.low, other.index);
    }
    if (mark.low !== mark.index) return;
    /** @type {string[]} */
    const component = [];
    let member;
    do {
      member = /** @type {string} */ (stack.pop());
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of edges.keys()) if (!seen.has(node)) visit(node);
  return cycles;
}

/**
 * repositoryCycles reads every .ts and .tsx file under CYCLE_ROOTS and lists the cycles among them,
 * paths relative to the repository root.
 * @returns {string[][]}
 */
export function repositoryCycles() {
  /** @type {Map<string, string>} */
  const files = new Map();
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "dist" && entry.name !== "results") walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.set(path, readFileSync(path, "utf8"));
    }
  };
  for (const root of CYCLE_ROOTS) if (existsSync(join(ROOT, root))) walk(join(ROOT, root));
  return findCycles(files).map((cycle) => cycle.map((path) => relative(ROOT, path)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cycles = repositoryCycles();
  for (const cycle of cycles) process.stderr.write(`import cycle (type-only imports count): ${cycle.join(" → ")}\n`);
  if (cycles.length > 0) process.exit(1);
  process.stdout.write("no import cycles\n");
}
