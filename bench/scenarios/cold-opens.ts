/**
 * Scenario 11 (cold opens): with the browser warm, cold tickers whose pages fill their price a
 * random 0.3–0.8 s after load, as TradingView's do. A shared link of ten requested at once must all
 * be priced within 2.0 s of the request; one alone within 1.2 s of its request, and within 1 s of
 * its page filling. Each open is split in three from the look-alike's own clock: request → page
 * served (slot, new tab, navigation), page served → price filled (load, script, live socket, fill
 * delay), filled → quote decoded by the client (the scraper's binding, hub and RPC).
 */
import { atMost, info, type Figure } from "../lib/report.js";
import { waitIdle } from "../lib/server.js";
import { round, summarize } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { BenchContext, Scenario } from "./scenario.js";

/** ColdOpen is one ticker's open, in ms from the request. */
interface ColdOpen {
  readonly ticker: string;
  readonly pricedMs: number;
  readonly servedMs: number | null;
  readonly filledMs: number | null;
}

/** openCold requests `tickers` at once and times each from the request to its first quote. */
async function openCold(context: BenchContext, tickers: readonly string[], fillDelayMs: readonly [number, number]): Promise<ColdOpen[]> {
  const { server, control, signal } = context;
  await waitIdle(server, signal);
  // A warm browser has had a moment since its last burst: its spare pages are ready again.
  await pause(5_000, signal);
  for (const ticker of tickers) await control.steer(ticker, { reset: true, fillDelayMs });
  const group = new StreamGroup(server.baseUrl, signal, { json: true });
  try {
    const calledAt = Date.now();
    const firsts = tickers.map((ticker) => group.streamPrice(ticker, () => undefined).firstQuote);
    const priced = await within(`${tickers.length} cold tickers to be priced`, Promise.all(firsts), 30_000, signal);
    return await Promise.all(
      tickers.map(async (ticker, i) => {
        const state = await control.state(ticker);
        const since = (at: number | null) => (at === null ? null : at - calledAt);
        return { ticker, pricedMs: priced[i]! - calledAt, servedMs: since(state.lastPageViewAtMs), filledMs: since(state.lastFillAtMs) };
      }),
    );
  } finally {
    await group.close();
    for (const ticker of tickers) await control.steer(ticker, { reset: true }).catch(() => undefined);
  }
}

/** coldOpens is scenario 11; see the file header. */
export const coldOpens: Scenario = {
  id: "11",
  title: "Cold opens with a page fill delay",
  async run(context) {
    const { plan, log } = context;
    const { tickers, rounds, singles, fillDelayMs } = plan.coldOpens;
    // The browser is warm once any page has been opened and closed in it.
    await openCold(context, [tickers[0]!], [0, 0]);
    const together: ColdOpen[][] = [];
    for (let round = 0; round < rounds; round++) {
      together.push(await openCold(context, tickers, fillDelayMs));
      const last = Math.max(...together.at(-1)!.map((o) => o.pricedMs));
      log(`round ${round + 1}: ${tickers.length} cold tickers, last priced after ${last} ms`);
    }
    const alone: ColdOpen[] = [];
    for (let i = 0; i < singles; i++) {
      const [open] = await openCold(context, [tickers[i % tickers.length]!], fillDelayMs);
      alone.push(open!);
      log(`one cold ticker: priced after ${open!.pricedMs} ms, ${open!.filledMs === null ? "?" : open!.pricedMs - open!.filledMs} ms after its fill`);
    }
    return { figures: figures(together, alone, tickers.length), details: { together, alone, fillDelayMs } };
  },
};

function figures(together: readonly ColdOpen[][], alone: readonly ColdOpen[], count: number): Figure[] {
  const all = together.flat();
  const lasts = together.map((opens) => Math.max(...opens.map((o) => o.pricedMs)));
  const stage = (pick: (o: ColdOpen) => number | null) => summarize(all.flatMap((o) => (pick(o) === null ? [] : [pick(o)!])));
  const served = stage((o) => o.servedMs);
  const fill = stage((o) => (o.servedMs === null || o.filledMs === null ? null : o.filledMs - o.servedMs));
  const binding = stage((o) => (o.filledMs === null ? null : o.pricedMs - o.filledMs));
  const afterFill = summarize(alone.flatMap((o) => (o.filledMs === null ? [] : [o.pricedMs - o.filledMs])));
  return [
    atMost("11", `${count} cold tickers at once: last priced after the request, worst of ${lasts.length} rounds`, round(Math.max(...lasts)), 2_000, "ms"),
    info("11", `${count} cold tickers at once: last priced, best round`, round(Math.min(...lasts)), "ms"),
    info("11", "  request → page served (slot, tab, navigation), p50 / max", round(served.p50), `ms / ${round(served.max)} ms`),
    info("11", "  page served → price filled (load, live socket, fill delay), p50 / max", round(fill.p50), `ms / ${round(fill.max)} ms`),
    info("11", "  price filled → quote decoded (binding, hub, RPC), p50 / max", round(binding.p50), `ms / ${round(binding.max)} ms`),
    atMost("11", `one cold ticker: priced after its page fills, worst of ${afterFill.count}`, round(afterFill.max), 1_000, "ms"),
    atMost("11", `one cold ticker: priced after the request, worst of ${alone.length}`, round(Math.max(...alone.map((o) => o.pricedMs))), 1_200, "ms"),
    info("11", "one cold ticker: request → priced, p50", round(summarize(alone.map((o) => o.pricedMs)).p50), "ms"),
  ];
}
