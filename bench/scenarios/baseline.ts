/**
 * Scenario 7, the polling baseline in the same run: one look-alike symbol page read two ways at
 * once, by our scraper (MutationObserver → push) and by a separate Playwright Chromium polling the
 * price's textContent every 500 ms. The same steered changes, timed the same way; CPU and memory
 * read the same way from /proc.
 *
 * The look-alike and its control endpoint live in the server process, so the server's CPU also
 * pays for serving both pages and for the steering. A second window, with our subscriber gone and
 * only the poller reading, measures that share so it can be taken off ours.
 */
import { startPoller, type Poller } from "../baseline/poller-process.js";
import { check, info } from "../lib/report.js";
import { chromiumProcesses, CpuMeter, treePss } from "../lib/proc-stats.js";
import { pausedLadder, type PriceLadder } from "../lib/sim-control.js";
import { steerSeries, uniform } from "../lib/steer.js";
import { round, summarize } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, waitFor, within } from "../lib/wait.js";
import type { BenchContext, Scenario } from "./scenario.js";

/** plain turns a displayed price ("97,123.45") into the steered string ("97123.45"). */
function plain(text: string): string {
  return text.replace(/[\s,\u00a0\u202f]/g, "");
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** CpuWindow is the CPU (% of one core) of each side over one steered window. */
interface CpuWindow {
  readonly server: number;
  readonly serverChromium: number;
  readonly poller: number;
  readonly pollerChromium: number;
}

/** steeredWindow steers the plan's series and reads every process's CPU over it. */
async function steeredWindow(
  { plan, server, control, signal }: BenchContext,
  poller: Poller,
  ladder: PriceLadder,
  sent: (price: string, at: number) => void,
): Promise<CpuWindow> {
  const { ticker, samples, gapMs, pollMs } = plan.baseline;
  const meters = {
    server: new CpuMeter(() => [server.pid]),
    serverChromium: new CpuMeter(() => chromiumProcesses(server.pid)),
    poller: new CpuMeter(() => [poller.pid]),
    pollerChromium: new CpuMeter(() => chromiumProcesses(poller.pid)),
  };
  await steerSeries({
    control,
    ticker,
    ladder,
    count: samples,
    // Random gaps longer than the poll interval: each change is seen alone, at a random phase of the poll.
    gapMs: uniform(gapMs[0], gapMs[1]),
    sent,
    signal,
  });
  await pause(Math.max(1_000, pollMs * 2), signal);
  return {
    server: meters.server.percentOfCore(),
    serverChromium: meters.serverChromium.percentOfCore(),
    poller: meters.poller.percentOfCore(),
    pollerChromium: meters.pollerChromium.percentOfCore(),
  };
}

/** baseline is scenario 7; see the file header. */
export const baseline: Scenario = {
  id: "7",
  title: "Polling baseline",
  async run(context) {
    const { plan, server, control, chromiumPath, signal, log } = context;
    const { ticker, samples, pollMs } = plan.baseline;
    const ladder = await pausedLadder(control, ticker);
    const sentAt = new Map<string, number>();
    const ours: number[] = [];
    const theirs: number[] = [];
    const record = (into: number[], price: string, at: number) => {
      const start = sentAt.get(price);
      if (start !== undefined) into.push(at - start);
    };

    const group = new StreamGroup(server.baseUrl, signal);
    const url = `${context.lookAlikeUrl}/symbols/${ticker}/?exchange=BINANCE`;
    const maxSeconds = Math.ceil(plan.scenarioTimeoutMs / 1000);
    const poller = startPoller(url, pollMs, maxSeconds, chromiumPath, (text, at) => record(theirs, plain(text), at));
    try {
      const stream = group.streamPrice(ticker, (quote) => record(ours, quote.price, quote.observedAtMs));
      await within("our first quote", stream.firstQuote, 30_000, signal);
      await within("the poller's first price", poller.ready, 60_000, signal);
      await pause(2_000, signal); // both browsers at rest before the window opens
      log(`both read ${ticker}; steering ${samples} prices`);
      const both = await steeredWindow(context, poller, ladder, (price, at) => sentAt.set(price, at));
      const memory = { ours: treePss(chromiumProcesses(server.pid)), theirs: treePss(chromiumProcesses(poller.pid)) };

      await group.close();
      await waitFor("our page to close", async () => (await control.state(ticker)).openConnections === 1, { timeoutMs: 15_000, signal });
      await pause(2_000, signal);
      log(`only the poller reads ${ticker}; steering ${samples} prices to measure the look-alike's own share`);
      const pollerOnly = await steeredWindow(context, poller, ladder, () => undefined);

      // The server's CPU with our page and subscriber, less what it spends without them (look-alike, steering).
      const oursCpu = Math.max(0, both.server - pollerOnly.server) + both.serverChromium;
      const theirsCpu = both.poller + both.pollerChromium;
      const oursMs = summarize(ours);
      const theirsMs = summarize(theirs);
      const speedup = ratio(theirsMs.p50, oursMs.p50);
      const cpuRatio = ratio(theirsCpu, oursCpu);
      return {
        figures: [
          info("7", "detection p50, ours (push)", round(oursMs.p50), "ms"),
          info("7", "detection p50, polling every 500 ms", round(theirsMs.p50), "ms"),
          check("7", "detection p50 ratio, polling / ours", round(speedup), "×", "> 1 (push faster)", speedup !== null && speedup > 1),
          info("7", "detection p99, ours / polling", round(oursMs.p99), `ms / ${round(theirsMs.p99)} ms`),
          info("7", "CPU, ours (server share + Chromium)", round(oursCpu, 2), "% core"),
          info("7", "CPU, polling (poller + Chromium)", round(theirsCpu, 2), "% core"),
          check("7", "CPU ratio, polling / ours", round(cpuRatio, 2), "×", "> 1 (push cheaper)", cpuRatio !== null && cpuRatio > 1),
          info("7", "server CPU spent on look-alike + steering", round(pollerOnly.server, 2), "% core"),
          info("7", "Chromium PSS, ours / polling", round(memory.ours.pssKb / 1024), `MB / ${round(memory.theirs.pssKb / 1024)} MB`),
        ],
        details: { ticker, samples, pollMs, oursMs, pollingMs: theirsMs, cpuBoth: both, cpuPollerOnly: pollerOnly, chromiumPss: memory },
      };
    } finally {
      const code = await poller.stop(15_000);
      if (code !== 0) log(`the poller exited with ${String(code)}`);
      await group.close();
      await control.steer(ticker, { reset: true }).catch(() => undefined);
    }
  },
};
