/**
 * Scenarios 2 and 3, one symbol fanned out to ever more StreamPrice subscribers, opened
 * cumulatively (1, then 100 more, ...). At each level: the server's RSS at rest, then a window of
 * steered changes at 10/s with delivery measured (`observed_at` → decoded by the client).
 * Throughout: how many pages the symbol has.
 */
import { atMost, check, info, type Figure } from "../lib/report.js";
import { CpuMeter, rssKb } from "../lib/proc-stats.js";
import { watchPages, type PageCounts, type PageWatch } from "../lib/page-watch.js";
import { pausedLadder } from "../lib/sim-control.js";
import { every, steerSeries } from "../lib/steer.js";
import { round, summarize, type Summary } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { BenchContext, Scenario } from "./scenario.js";

interface LevelResult {
  readonly subscribers: number;
  readonly openSeconds: number;
  /** restRssKb: server RSS with every subscriber open, before any change is sent. */
  readonly restRssKb: number;
  /** afterRssKb: server RSS 2 s after the window, which includes the heap grown while delivering. */
  readonly afterRssKb: number;
  readonly deliveryMs: Summary;
  /** deliveredShare: quotes received / (subscribers × distinct steered prices anyone received). */
  readonly deliveredShare: number | null;
  /** changesPerSecond actually steered: below the plan when the server answers control requests slowly. */
  readonly changesPerSecond: number;
  readonly controlRoundTripMs: Summary;
  readonly serverCpuPercent: number;
  readonly benchCpuPercent: number;
}

/** A window collects the quotes of the prices steered inside it. */
class Window {
  open = false;
  readonly steered = new Set<string>();
  readonly seen = new Set<string>();
  latencies: number[] = [];

  reset(): void {
    this.steered.clear();
    this.seen.clear();
    this.latencies = [];
  }
}

/** fanOut is scenarios 2 and 3; see the file header. */
export const fanOut: Scenario = {
  id: "2,3",
  title: "Delivery latency and fan-out cost",
  async run(context) {
    const { plan, server, control, signal, log } = context;
    const { ticker, levels, batch } = plan.delivery;
    const ladder = await pausedLadder(control, ticker);
    const group = new StreamGroup(server.baseUrl, signal);
    const window = new Window();
    const onQuote = (quote: { price: string; observedAtMs: number; receivedAtMs: number }) => {
      if (!window.open || !window.steered.has(quote.price)) return;
      window.seen.add(quote.price);
      window.latencies.push(quote.receivedAtMs - quote.observedAtMs);
    };
    // Counted from the first open subscriber on: before it, no page is the right answer.
    let pages: PageWatch | undefined;
    const results: LevelResult[] = [];
    let cappedAt: string | undefined;
    let pageCounts: PageCounts | undefined;
    let failedStreams: number;

    try {
      for (const level of levels) {
        const opening = performance.now();
        try {
          while (group.size < level) {
            const handles = Array.from({ length: Math.min(batch, level - group.size) }, () => group.streamPrice(ticker, onQuote));
            // A batch is open once each of its streams has had the cached quote.
            await within(`${handles.length} streams to open`, Promise.all(handles.map((h) => h.firstQuote)), 60_000, signal);
            if (group.size % 2_000 === 0) log(`${group.size} subscribers open`);
          }
        } catch (error) {
          signal.throwIfAborted();
          const failures = await group.failures();
          cappedAt = `${group.size} streams: ${failures[0]?.message ?? String(error)}`;
          log(`could not open ${level} subscribers (${cappedAt}); stopping at the previous level`);
          break;
        }
        const openSeconds = (performance.now() - opening) / 1000;
        pages ??= watchPages(server, control, ticker);
        await pause(2_000, signal);
        const result = await measureLevel(context, group.size, openSeconds, window, ladder);
        results.push(result);
        log(
          `${result.subscribers} subscribers: delivery p50 ${result.deliveryMs.p50} ms p99 ${result.deliveryMs.p99} ms, ` +
            `${result.changesPerSecond.toFixed(1)} changes/s, server CPU ${result.serverCpuPercent.toFixed(0)} %, ` +
            `bench CPU ${result.benchCpuPercent.toFixed(0)} %, RSS ${(result.restRssKb / 1024).toFixed(0)} → ${(result.afterRssKb / 1024).toFixed(0)} MB`,
        );
      }
    } finally {
      pageCounts = await pages?.stop();
      failedStreams = await group.close(30_000);
      await control.steer(ticker, { reset: true }).catch(() => undefined);
    }
    return report(results, plan.delivery.targetLevel, pageCounts, cappedAt, failedStreams);
  },
};

async function measureLevel(
  { plan, server, control, signal }: BenchContext,
  subscribers: number,
  openSeconds: number,
  window: Window,
  ladder: Awaited<ReturnType<typeof pausedLadder>>,
): Promise<LevelResult> {
  const { ticker, changesPerSecond, windowMs } = plan.delivery;
  const restRssKb = rssKb(server.pid);
  window.reset();
  window.open = true;
  const serverCpu = new CpuMeter(() => [server.pid]);
  const benchCpu = process.cpuUsage();
  const started = performance.now();
  const steered = await steerSeries({
    control,
    ticker,
    ladder,
    count: Math.round((windowMs / 1000) * changesPerSecond),
    maxDurationMs: windowMs * 2,
    gapMs: every(1000 / changesPerSecond),
    sent: (price) => window.steered.add(price),
    signal,
  });
  await pause(1_000, signal); // the last changes are still on their way
  window.open = false;
  const serverCpuPercent = serverCpu.percentOfCore();
  const used = process.cpuUsage(benchCpu);
  const benchCpuPercent = ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
  await pause(2_000, signal);
  const expected = subscribers * window.seen.size;
  return {
    subscribers,
    openSeconds,
    restRssKb,
    afterRssKb: rssKb(server.pid),
    deliveryMs: summarize(window.latencies),
    deliveredShare: expected > 0 ? window.latencies.length / expected : null,
    changesPerSecond: steered.sent / steered.seconds,
    controlRoundTripMs: summarize(steered.roundTripsMs),
    serverCpuPercent,
    benchCpuPercent,
  };
}

function report(
  results: readonly LevelResult[],
  targetLevel: number,
  pages: PageCounts | undefined,
  cappedAt: string | undefined,
  failedStreams: number,
): { figures: Figure[]; details: Record<string, unknown> } {
  const figures: Figure[] = [];
  for (const r of results) {
    const n = r.subscribers.toLocaleString("en-US");
    figures.push(info("2", `delivery p50, ${n} subscribers`, round(r.deliveryMs.p50), "ms"));
    figures.push(
      r.subscribers === targetLevel
        ? atMost("2", `delivery p99, ${n} subscribers`, round(r.deliveryMs.p99), 50, "ms")
        : info("2", `delivery p99, ${n} subscribers`, round(r.deliveryMs.p99), "ms"),
    );
    figures.push(info("2", `server CPU, ${n} subscribers`, round(r.serverCpuPercent), "% core"));
  }
  const top = results.at(-1);
  const first = results[0];
  if (top) {
    const n = top.subscribers.toLocaleString("en-US");
    figures.push(info("2", `changes delivered, ${n} subscribers`, top.deliveredShare === null ? null : round(top.deliveredShare * 100), "%"));
    figures.push(info("2", `changes steered per second, ${n} subscribers`, round(top.changesPerSecond), "/s"));
    figures.push(info("2", `bench client CPU, ${n} subscribers`, round(top.benchCpuPercent), "% core"));
  }
  figures.push(check("2", "streams that failed on their own", failedStreams, "", "0", failedStreams === 0));
  if (cappedAt !== undefined) figures.push(info("2", `subscribers capped (${cappedAt})`, top?.subscribers ?? 0, ""));

  const span = top && first && top.subscribers > first.subscribers ? top.subscribers - first.subscribers : null;
  const perSubscriber = span && top && first ? (top.restRssKb - first.restRssKb) / span : null;
  const perSubscriberAfter = span && top && first ? (top.afterRssKb - first.afterRssKb) / span : null;
  const range = `${first?.subscribers ?? "?"}→${top?.subscribers.toLocaleString("en-US") ?? "?"}`;
  figures.push(atMost("3", `RSS growth per subscriber at rest (${range})`, round(perSubscriber, 2), 10, "kB"));
  figures.push(info("3", `RSS growth per subscriber after delivering (${range})`, round(perSubscriberAfter, 2), "kB"));
  if (top) figures.push(info("3", `server RSS at rest, ${top.subscribers.toLocaleString("en-US")} subscribers`, round(top.restRssKb / 1024), "MB"));
  const onePage = pages?.minConnections === 1 && pages.maxConnections === 1 && pages.maxOpenFeeds === 1;
  figures.push(check("3", "pages open for the symbol, most seen", pages?.maxConnections ?? null, "", "exactly 1 throughout", onePage));
  figures.push(check("3", "page loads of the symbol", pages?.maxPageLoads ?? null, "", "1 (never reloaded)", pages?.maxPageLoads === 1));
  return { figures, details: { levels: results, pages, cappedAt, failedStreams } };
}
