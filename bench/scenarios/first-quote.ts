/**
 * Scenario 4, first quote: call StreamPrice → first quote decoded. Cold symbols first (nothing
 * open, so a page must open, load and show a price), then a cached one (its page is held open by
 * another subscriber, so the hub answers from its cache). One call at a time: this is the latency
 * of a call, not of a crowd.
 */
import { atMost, info } from "../lib/report.js";
import { waitIdle } from "../lib/server.js";
import { round, summarize } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { waitFor, within } from "../lib/wait.js";
import type { BenchContext, Scenario } from "./scenario.js";

/** firstQuoteMs opens one stream in its own group and closes it once the first quote is in. */
async function firstQuoteMs({ server, signal }: BenchContext, ticker: string, timeoutMs: number): Promise<number> {
  const group = new StreamGroup(server.baseUrl, signal);
  try {
    const calledAt = Date.now();
    const stream = group.streamPrice(ticker, () => undefined);
    return (await within(`the first ${ticker} quote`, stream.firstQuote, timeoutMs, signal)) - calledAt;
  } finally {
    await group.close();
  }
}

/** firstQuote is scenario 4; see the file header. */
export const firstQuote: Scenario = {
  id: "4",
  title: "First quote",
  async run(context) {
    const { plan, server, control, signal, log } = context;
    const { cachedTicker, cachedSamples, coldTickers } = plan.firstQuote;

    const cold: number[] = [];
    for (const ticker of coldTickers) {
      await waitIdle(server, signal);
      // Its page must really be gone, or the "cold" open would find a warm browser tab.
      await waitFor(`the ${ticker} page to be closed`, async () => (await control.state(ticker)).openConnections === 0, {
        timeoutMs: 10_000,
        signal,
      });
      cold.push(await firstQuoteMs(context, ticker, 30_000));
      log(`cold ${ticker}: ${cold.at(-1)} ms`);
    }

    const holder = new StreamGroup(server.baseUrl, signal);
    const cached: number[] = [];
    try {
      await within(`the first ${cachedTicker} quote`, holder.streamPrice(cachedTicker, () => undefined).firstQuote, 30_000, signal);
      for (let i = 0; i < cachedSamples; i++) cached.push(await firstQuoteMs(context, cachedTicker, 10_000));
    } finally {
      await holder.close();
    }

    const coldMs = summarize(cold);
    const cachedMs = summarize(cached);
    return {
      figures: [
        atMost("4", "first quote, cached symbol, p50", round(cachedMs.p50), 10, "ms"),
        info("4", "first quote, cached symbol, p99", round(cachedMs.p99), "ms"),
        atMost("4", "first quote, cold symbol, p50", round(coldMs.p50), 1_500, "ms"),
        info("4", "first quote, cold symbol, max", round(coldMs.max), "ms"),
      ],
      details: { cachedTicker, cachedMs, coldTickers, coldMs, coldSamplesMs: cold },
    };
  },
};
