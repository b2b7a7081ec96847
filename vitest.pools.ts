/**
 * The pools `npm test` runs in. Vitest runs projects of one group side by side in one pool, and
 * refuses a group whose projects disagree on its size, so every project takes its pool from here.
 *
 * - SHARED: most files. Many wait on Chromium, a look-alike's fill delay or a server's timers
 *   rather than compute, so three at a time keep two cores busy (four ran no faster, and left
 *   timing-sensitive tests starved). Files share their worker's module
 *   cache (`isolate: false`): loading Playwright, Connect and the backend once per worker instead of
 *   once per file took the suite's import time from about 320 s to 50 s. So a file leaves nothing
 *   global behind: no environment variable, process listener or module state it changed.
 * - SERIAL: after them, one at a time: files that rebuild what the others run (`./run.sh` builds
 *   `backend/dist` and `frontend/dist`), that measure the event loop against an idle baseline, or
 *   whose Redis outage must stay shorter than a lease while the cores are shared.
 */
export const SHARED_POOL = { maxWorkers: 3, isolate: false, sequence: { groupOrder: 0 } } as const;
export const SERIAL_POOL = { maxWorkers: 1, sequence: { groupOrder: 1 } } as const;

/** SERIAL_FILES are the files SERIAL runs, relative to the repository root. */
export const SERIAL_FILES = [
  "e2e/run-sh.test.ts",
  "backend/test/compression-stall.test.ts",
  "backend/test/cluster-source.test.ts",
] as const;
