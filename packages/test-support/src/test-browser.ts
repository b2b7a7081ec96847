/**
 * The tests' own Chromium, the one that plays a person at a page (the server has another).
 * Launched the way the project launches it where there is no Playwright download.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright";
import { HEADED } from "./headed.js";
import { alive, descendants } from "./processes.js";
import { waitFor } from "./wait-for.js";

/** CHROMIUM_PATH is $CHROMIUM_PATH, else Debian's build: Playwright's own download does not work offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Where Debian's `chromium-headless-shell` package puts its binary: `/usr/bin/chromium-headless-shell`
 * is a script that runs it as a child, so Playwright would hold, and tests would kill, the script.
 */
const DEBIAN_HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";

/**
 * HEADLESS_CHROMIUM_PATH is the Chromium the tests run headless, theirs and the servers' they start:
 * $HEADLESS_CHROMIUM_PATH, else Debian's `chromium-headless-shell` when installed, else
 * CHROMIUM_PATH. The shell is the same Chromium release (Blink, V8, DevTools protocol) without the
 * browser's UI, and what Playwright itself launches for headless; `npm test` takes about 40 % less
 * CPU in it. The full browser is still proven: the `./run.sh` test runs it headed under Xvfb, as
 * the product ships, and `scraper-prices` and `scraper-spares` run the scraper in it headless.
 */
export const HEADLESS_CHROMIUM_PATH =
  process.env.HEADLESS_CHROMIUM_PATH ?? (existsSync(DEBIAN_HEADLESS_SHELL) ? DEBIAN_HEADLESS_SHELL : CHROMIUM_PATH);

/** chromiumFor is the binary to launch headless or headed (the shell cannot show a window). */
export function chromiumFor(headless: boolean): string {
  return headless ? HEADLESS_CHROMIUM_PATH : CHROMIUM_PATH;
}

/**
 * TEST_BROWSER_ARGS keep a test's Chromium from phoning home and from needing /dev/shm; no sandbox,
 * because test machines often run as root, where Chromium's sandbox cannot start.
 */
export const TEST_BROWSER_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** TestBrowser is a launched Chromium and the processes it started. */
export interface TestBrowser {
  readonly browser: Browser;
  /** processes are the PIDs that appeared under this test process with the launch. */
  readonly processes: readonly number[];
}

/**
 * launchBrowser starts Chromium: headless unless asked otherwise or {@link HEADED}. The caller owns
 * it and closes it with {@link closeBrowser}. Start other child processes before or after, not
 * during, or their PIDs count as the browser's.
 */
export async function launchBrowser(options: { headless?: boolean } = {}): Promise<TestBrowser> {
  const before = new Set(descendants(process.pid));
  const headless = options.headless ?? !HEADED;
  const browser = await chromium.launch({
    executablePath: chromiumFor(headless),
    headless,
    args: [...TEST_BROWSER_ARGS],
  });
  const processes = descendants(process.pid).filter((pid) => !before.has(pid));
  return { browser, processes };
}

/**
 * closeBrowser closes `chromium` and waits (up to `ms`) until every process it started has ended:
 * a child may still be exiting just after `close()` returns. It resolves with those still running,
 * for the test to check: [] when the browser cleaned up.
 */
export async function closeBrowser(chromium: TestBrowser, ms = 10_000): Promise<number[]> {
  await chromium.browser.close();
  const gone = () => chromium.processes.every((pid) => !alive(pid));
  await waitFor("the browser's processes to end", gone, { timeoutMs: ms }).catch(() => undefined);
  return chromium.processes.filter(alive);
}
