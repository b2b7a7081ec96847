/**
 * The bench's handle on the baseline poller process (bench/baseline/poller.ts).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "../lib/server.js";
import type { PollerLine } from "./poller.js";

/** Poller is a running baseline; the caller must stop() it. */
export interface Poller {
  readonly pid: number;
  /** ready resolves once the poller has read a first price; rejects if it exits before. */
  readonly ready: Promise<void>;
  /** stop asks it to end (SIGTERM), SIGKILLs it after `timeoutMs`; resolves with its exit code. */
  stop(timeoutMs: number): Promise<number | null>;
}

/** startPoller polls `url` every `pollMs`; `seen` gets each new text with its read time. */
export function startPoller(
  url: string,
  pollMs: number,
  maxSeconds: number,
  chromiumPath: string | undefined,
  seen: (text: string, seenAtMs: number) => void,
): Poller {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bench/baseline/poller.ts", url, String(pollMs), String(maxSeconds), chromiumPath ?? ""],
    { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "inherit"] },
  );
  if (child.pid === undefined) throw new Error("the baseline poller did not start");
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (raw) => {
      let line: PollerLine;
      try {
        line = JSON.parse(raw) as PollerLine;
      } catch {
        return; // not one of ours (a library printing to stdout): ignore it rather than crash the run
      }
      if ("ready" in line) resolve();
      else seen(line.text, line.seenAtMs);
    });
    void exited.then((code) => reject(new Error(`the baseline poller exited with ${String(code)} before it read a price`)));
  });
  ready.catch(() => undefined);
  return {
    pid: child.pid,
    ready,
    async stop(timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      child.stdin.end();
      const outcome = await Promise.race([exited, sleep(timeoutMs, "timeout" as const)]);
      if (outcome !== "timeout") return outcome;
      child.kill("SIGKILL");
      await exited;
      return null;
    },
  };
}
