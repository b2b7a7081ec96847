/**
 * run.sh --help is hand-kept in one place (run.sh, so it answers before anything is installed);
 * this test holds it to what config.ts reads and what loadConfig defaults to.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig, type Config } from "./config.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Defaults that depend on the machine or the checkout, so the help describes them in words. */
const DESCRIBED_DEFAULTS = new Set(["INSTANCE_ID", "STATIC_DIR"]);

/** helpEntries reads the settings run.sh --help lists: name → its text (continuation lines joined). */
function helpEntries(): Map<string, string> {
  const help = execFileSync("bash", ["run.sh", "--help"], { cwd: repoRoot, encoding: "utf8" });
  const settings = help.slice(help.indexOf("Settings"));
  const entries = new Map<string, string>();
  let last: string | undefined;
  for (const line of settings.split("\n").slice(1)) {
    const entry = /^ {2}([A-Z][A-Z0-9_]*) +(.*)$/.exec(line);
    if (entry?.[1] !== undefined && entry[2] !== undefined) {
      last = entry[1];
      entries.set(last, entry[2]);
    } else if (last !== undefined && line.trim() !== "") entries.set(last, `${entries.get(last)} ${line.trim()}`);
  }
  return entries;
}

/** bracketOf is the first "[...]" of an entry: the default as the help shows it. */
const bracketOf = (text: string) => /\[([^\]]*)\]/.exec(text)?.[1];

describe("run.sh --help", () => {
  it("when it lists the settings, then it names every variable config.ts reads, and no other", () => {
    expect([...helpEntries().keys()].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it("when it shows a default, then it is the one loadConfig uses with the variable unset", () => {
    const defaults = new Map<string, Config[keyof Config]>(Object.entries(loadConfig({})).map(([key, value]) => [key.toLowerCase(), value]));
    const entries = helpEntries();
    const shown = CONFIG_VARIABLES.filter((name) => !DESCRIBED_DEFAULTS.has(name)).map((name) => {
      const value = defaults.get(name.replaceAll("_", "").toLowerCase());
      // Lists print comma-separated; a range of ms (SIM_FILL_DELAY_MS) prints as MIN-MAX.
      const text = typeof value === "object" ? value.join(name.endsWith("_MS") ? "-" : ",") : value === undefined ? "" : String(value);
      const bracket = bracketOf(entries.get(name) ?? "") ?? "";
      return { name, startsRight: bracket.startsWith(text === "" ? "unset" : text) };
    });
    expect(shown.filter((entry) => !entry.startsRight).map((entry) => entry.name)).toEqual([]);
  });
});
