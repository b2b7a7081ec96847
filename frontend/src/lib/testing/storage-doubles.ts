/**
 * Test doubles for code that keeps things in Web Storage and logs what goes wrong: a storage that
 * refuses every read and write (private mode, a full quota, a disabled store), and a logger that
 * keeps its lines (or drops them). For unit tests only.
 */
import type { Logger } from "../log.js";

/**
 * refusingStorage throws on every read (`Error("denied")`) and every write or removal
 * (`Error("quota")`), as a disabled or full store does; the two messages tell them apart in logs.
 */
export function refusingStorage(): Storage {
  const refuse = (reason: string) => () => {
    throw new Error(reason);
  };
  return { getItem: refuse("denied"), setItem: refuse("quota"), removeItem: refuse("quota") } as unknown as Storage;
}

/** quietLogger drops every line. */
export const quietLogger: Logger = { info() {}, warn() {}, error() {} };

/** recordingLogger keeps every line (`lines`) and, apart, the warnings (`warnings`). */
export function recordingLogger(): { log: Logger; lines: string[]; warnings: string[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  const log: Logger = {
    info: (line) => void lines.push(line),
    warn: (line) => {
      lines.push(line);
      warnings.push(line);
    },
    error: (line) => void lines.push(line),
  };
  return { log, lines, warnings };
}
