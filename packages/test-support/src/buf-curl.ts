/**
 * `buf curl`, the client the `@bufbuild/buf` package ships, run as a person would run it from the
 * repository root: a client nobody here wrote, for tests of what reaches a stranger.
 */
import { execFile } from "node:child_process";
import { repoRoot } from "./spawn-in-repo.js";

/** BUF is the buf binary of this checkout. */
const BUF = `${repoRoot}node_modules/@bufbuild/buf/bin/buf`;

/** BufCurlResult is how `buf curl` ended: its exit code (0 when the RPC succeeded) and output. */
export interface BufCurlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * bufCurl runs `buf curl <args>` from the repository root (so `--schema .` is this repo's buf
 * module) and resolves when it exits, or kills it after `timeoutMs`. Never rejects for a failed RPC:
 * the exit code and stderr say how it failed.
 */
export function bufCurl(args: readonly string[], timeoutMs = 20_000): Promise<BufCurlResult> {
  return new Promise((resolve, reject) => {
    execFile(BUF, ["curl", ...args], { cwd: repoRoot, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(new Error(`buf curl did not run to its end (${error.message}); stderr: ${stderr}`));
        return;
      }
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}
