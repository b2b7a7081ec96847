/** The server's release, as StatusService reports it. */
import { readFileSync } from "node:fs";

/** readServerVersion reads `version` from the backend's package.json; "unknown" when it cannot. */
export function readServerVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}
