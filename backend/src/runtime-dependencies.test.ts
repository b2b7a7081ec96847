/**
 * The server's runtime dependencies are what its code imports: build tools (tsx, esbuild) belong
 * to devDependencies, so an install for running the bundle (`npm ci --omit=dev`) carries no
 * compiler, and nothing the server imports is missing from it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const backend = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(backend, "package.json"), "utf8")) as { dependencies: Record<string, string> };

/** imported lists the packages the server's own (non-test) sources import. */
function imported(): Set<string> {
  const found = new Set<string>();
  const src = join(backend, "src");
  for (const file of readdirSync(src, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    for (const [, specifier] of readFileSync(join(src, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?\sfrom "([^".][^"]*)"/gm)) {
      if (specifier!.startsWith("node:")) continue;
      const parts = specifier!.split("/");
      found.add(specifier!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
    }
  }
  return found;
}

describe("runtime dependencies", () => {
  it("when the server's dependencies are listed, then each one is imported by its code and every import is listed", () => {
    const used = imported();
    const listed = Object.keys(manifest.dependencies).sort();
    expect(listed.filter((name) => !used.has(name))).toEqual([]);
    expect([...used].filter((name) => !listed.includes(name)).sort()).toEqual([]);
  });
});
