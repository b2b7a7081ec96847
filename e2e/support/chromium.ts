/**
 * The test's own Chromium, the one that plays the person at the grid (the server has another).
 * Launched the way the project launches it where there is no Playwright download.
 */
import { chromium, type Browser } from "playwright";
import { alive, descendants } from "../../backend/src/testing/processes.js";
import { waitUntil } from "./server-process.js";

/** TestBrowser is a launched Chromium and the processes it started. */
export interface TestBrowser {
  readonly browser: Browser;
  /** processes are the PIDs that appeared under this test process with the launch. */
  readonly processes: readonly number[];
}

/**
 * launchBrowser starts Chromium: headed when there is a display, headless otherwise. The caller
 * owns it and closes it with {@link closeBrowser}, or with `browser.close()` and its own check.
 * Start other child processes before or after, not during, or their PIDs count as the browser's.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const before = new Set(descendants(process.pid));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: !process.env.DISPLAY,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  const processes = descendants(process.pid).filter((pid) => !before.has(pid));
  return { browser, processes };
}

/**
 * closeBrowser closes `chromium` and waits until every process it started has ended: a child may
 * still be exiting just after `close()` returns.
 * @throws Error when one is still running after `ms`.
 */
export async function closeBrowser(chromium: TestBrowser, ms = 10_000): Promise<void> {
  await chromium.browser.close();
  if (chromium.browser.isConnected()) throw new Error("the browser is still connected after close()");
  const { processes } = chromium;
  await waitUntil(() => processes.every((pid) => !alive(pid)), ms, "the browser's processes to end");
}
