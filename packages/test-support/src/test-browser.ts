/**
 * The tests' own Chromium, the one that plays a person at a page (the server has another).
 * Launched the way the project launches it where there is no Playwright download.
 */
import { chromium, type Browser } from "playwright";
import { HEADED } from "./headed.js";
import { alive, descendants } from "./processes.js";
import { waitFor } from "./wait-for.js";

/** CHROMIUM_PATH is $CHROMIUM_PATH, else Debian's build: Playwright's own download does not work offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";


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
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? !HEADED,
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
