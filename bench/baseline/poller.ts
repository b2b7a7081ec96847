/**
 * The polling baseline of scenario 7, in a process of its own so its CPU and memory can be read
 * apart from the bench: what most public TradingView scrapers do, a Playwright page whose price
 * element's textContent is read every 500 ms.
 *
 * Usage: node --import tsx bench/baseline/poller.ts <pageUrl> <pollMs> <maxSeconds> [chromiumPath]
 * Writes JSON lines on stdout: `{"ready":true}` once a price shows, then `{"text","seenAtMs"}` for
 * each change it sees. Stops on SIGTERM, when stdin closes, or after maxSeconds, and exits 0.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright";

/** PollerLine is one line the poller writes. */
export type PollerLine = { readonly ready: true } | { readonly text: string; readonly seenAtMs: number };

// The price hook most scrapers use; the same element our scraper observes.
const SELECTOR = 'span.js-symbol-last[data-qa-id="symbol-last-value"]';

async function main(): Promise<void> {
  const [url, pollArg, maxArg, executablePath] = process.argv.slice(2);
  const pollMs = Number(pollArg);
  const maxSeconds = Number(maxArg);
  if (!url || !(pollMs > 0) || !(maxSeconds > 0)) {
    process.stderr.write("usage: poller.ts <pageUrl> <pollMs> <maxSeconds> [chromiumPath]\n");
    process.exit(2);
  }
  let stopping = false;
  const stop = () => (stopping = true);
  process.once("SIGTERM", stop);
  process.stdin.once("end", stop);
  process.stdin.resume();
  const write = (line: PollerLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

  // Root cannot use Chromium's sandbox; the server's scraper makes the same choice.
  const args = ["--disable-dev-shm-usage", ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])];
  const browser = await chromium.launch({ executablePath: executablePath || undefined, headless: true, args });
  try {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 30_000 });
    const deadline = performance.now() + maxSeconds * 1000;
    let last = "";
    let due = performance.now();
    while (!stopping && performance.now() < deadline) {
      const text = ((await page.textContent(SELECTOR, { timeout: 5_000 }).catch(() => null)) ?? "").trim();
      const seenAtMs = Date.now();
      if (text !== "" && text !== last) {
        if (last === "") write({ ready: true });
        last = text;
        write({ text, seenAtMs });
      }
      due += pollMs;
      await sleep(Math.max(0, due - performance.now()));
    }
  } finally {
    await browser.close();
  }
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`poller failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
