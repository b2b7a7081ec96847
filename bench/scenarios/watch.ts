/**
 * Scenario 6, one tab-like client: a single Watch stream holding 30 symbols, as the web grid
 * holds them. Every symbol must go live; then delivery is measured as in scenario 2.
 */
import { atMost, check, info } from "../lib/report.js";
import { round, summarize } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, waitFor } from "../lib/wait.js";
import { COINS } from "../plan.js";
import type { Scenario } from "./scenario.js";

/** watchScenario is scenario 6; see the file header. */
export const watchScenario: Scenario = {
  id: "6",
  title: "Watch",
  async run({ plan, server, control, signal, log }) {
    const { symbols: count, windowMs } = plan.watch;
    const tickers = COINS.slice(0, count).map((coin) => `${coin}USD`);
    for (const ticker of tickers) await control.steer(ticker, { reset: true });
    const group = new StreamGroup(server.baseUrl, signal);
    const quoted = new Set<string>();
    let recording = false;
    const latencies: number[] = [];
    try {
      const opened = performance.now();
      const stream = group.watch(tickers, (quote) => {
        quoted.add(quote.symbol);
        if (recording) latencies.push(quote.receivedAtMs - quote.observedAtMs);
      });
      await waitFor(`all ${count} symbols to be live`, () => stream.live.size === count && quoted.size === count, {
        timeoutMs: 120_000,
        signal,
      }).catch((error: unknown) => log(`${stream.live.size} of ${count} live: ${String(error)}`));
      const allLiveSeconds = (performance.now() - opened) / 1000;
      const live = stream.live.size;
      log(`${live} of ${count} symbols live after ${allLiveSeconds.toFixed(1)} s`);
      recording = true;
      await pause(windowMs, signal);
      recording = false;
      const delivery = summarize(latencies);
      return {
        figures: [
          check("6", `symbols live on one Watch`, live, `of ${count}`, `all ${count}`, live === count),
          info("6", "time until all live", round(allLiveSeconds), "s"),
          info("6", "delivery p50", round(delivery.p50), "ms"),
          atMost("6", "delivery p99", round(delivery.p99), 50, "ms"),
          info("6", "quotes received per second", round(latencies.length / (windowMs / 1000)), "/s"),
        ],
        details: { tickers, live, allLiveSeconds, deliveryMs: delivery },
      };
    } finally {
      await group.close();
    }
  },
};
