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
 * - SERIAL: after them, one at a time: files that measure the event loop against an idle baseline.
 *   The long tier (vitest.long.config.ts) runs all its files this way.
 */
export const SHARED_POOL = { maxWorkers: 3, isolate: false, sequence: { groupOrder: 0 } } as const;
export const SERIAL_POOL = { maxWorkers: 1, sequence: { groupOrder: 1 } } as const;

/** SERIAL_FILES are the files SERIAL runs, relative to the repository root. */
export const SERIAL_FILES = ["backend/test/compression-stall.test.ts"] as const;

/**
 * LONG_TESTS are the long tier's files, by name, in any project: runs that take minutes by design
 * (churn), and whole-process scenarios (signals, a cluster of server processes over Redis, `./run.sh`
 * from nothing). `npm test` leaves them out; `npm run test:long` runs only them; CI runs both.
 */
export const LONG_TESTS = ["**/*.long.test.ts"] as const;
