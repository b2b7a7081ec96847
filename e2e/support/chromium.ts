/**
 * The test's own Chromium, the one that plays the person at the grid (the server has another).
 * Launched the way the project launches it where there is no Playwright download.
 */
import { chromium, type Browser } from "playwright";
import { descendants } from "../../backend/src/testing/processes.js";

/** TestBrowser is a launched Chromium and the processes it started. */
export interface TestBrowser {
  readonly browser: Browser;
  /** processes are the PIDs that appeared under this test process with the launch. */
  readonly processes: readonly number[];
}

/**
 * launchBrowser starts Chromium: headed when there is a display, headless otherwise. The caller
 * owns it and closes it with `browser.close()`; `processes` lets it prove nothing is left.
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
