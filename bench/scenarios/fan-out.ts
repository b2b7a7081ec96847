/**
 * Scenarios 2 and 3, one symbol fanned out to ever more StreamPrice subscribers (opened
 * cumulatively: 1, then 100, ...). At each level the bench steers 10 changes/s and measures
 * delivery (`observed_at` → decoded by the client) and the server's RSS; throughout, the page count.
 */
import { atMost, check, info, type Figure } from "../lib/report.js";
import { CpuMeter, rssKb } from "../lib/proc-stats.js";
import { watchPages, type PageCounts } from "../lib/page-watch.js";
import { pausedLadder } from "../lib/sim-control.js";
import { every, steerSeries } from "../lib/steer.js";
import { round, summarize, type Summary } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { Scenario } from "./scenario.js";

interface LevelResult {
  readonly subscribers: number;
  readonly deliveryMs: Summary;
  /** deliveredShare: quotes received / (subscribers × distinct steered prices anyone received). */
  readonly deliveredShare: number | null;
  readonly serverCpuPercent: number;
  readonly benchCpuPercent: number;
  readonly serverRssKb: number;
  readonly openSeconds: number;
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

export const fanOut: Scenario = {
  id: "2,3",
  title: "Delivery latency and fan-out cost",
  async run({ plan, server, control, signal, log }) {
    const { ticker, levels, targetLevel, changesPerSecond, windowMs, batch } = plan.delivery;
    const ladder = await pausedLadder(control, ticker);
    const group = new StreamGroup(server.baseUrl, signal);
    const window = new Window();
    const onQuote = (quote: { price: string; observedAtMs: number; receivedAtMs: number }) => {
      if (!window.open || !window.steered.has(quote.price)) return;
      window.seen.add(quote.price);
      window.latencies.push(quote.receivedAtMs - quote.observedAtMs);
    };
    // Counted from the first open subscriber on: before it, no page is the right answer.
    let pages: ReturnType<typeof watchPages> | undefined;
    const results: LevelResult[] = [];
    let cappedAt: string | undefined;
    let pageCounts: PageCounts | undefined;
    let failedStreams = 0;

    const openUpTo = async (level: number) => {
      while (group.size < level) {
        const handles = Array.from({ length: Math.min(batch, level - group.size) }, () => group.streamPrice(ticker, onQuote));
        // A batch is open once each of its streams has had the cached quote.
        await within(`${handles.length} streams to open`, Promise.all(handles.map((h) => h.firstQuote)), 60_000, signal);
      }
    };

    try {
      for (const level of levels) {
        const opening = performance.now();
        try {
          await openUpTo(level);
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
        window.reset();
        window.open = true;
        const serverCpu = new CpuMeter(() => [server.pid]);
        const benchCpu = process.cpuUsage();
        const started = performance.now();
        await steerSeries({
          control,
          ticker,
          ladder,
          count: Math.round((windowMs / 1000) * changesPerSecond),
          gapMs: every(1000 / changesPerSecond),
          sent: (price) => window.steered.add(price),
          signal,
        });
        await pause(1_000, signal); // the last changes are still on their way
        window.open = false;
        const serverCpuPercent = serverCpu.percentOfCore();
        const used = process.cpuUsage(benchCpu);
        const benchCpuPercent = ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
        await pause(2_000, signal); // memory is read at rest, not mid-burst
        const expected = group.size * window.seen.size;
        const result: LevelResult = {
          subscribers: group.size,
          deliveryMs: summarize(window.latencies),
          deliveredShare: expected > 0 ? window.latencies.length / expected : null,
          serverCpuPercent,
          benchCpuPercent,
          serverRssKb: rssKb(server.pid),
          openSeconds,
        };
        results.push(result);
        log(
          `${level} subscribers: delivery p50 ${result.deliveryMs.p50} ms p99 ${result.deliveryMs.p99} ms, ` +
            `server CPU ${serverCpuPercent.toFixed(0)} %, bench CPU ${benchCpuPercent.toFixed(0)} %, RSS ${(result.serverRssKb / 1024).toFixed(0)} MB`,
        );
      }
    } finally {
      pageCounts = await pages?.stop();
      failedStreams = await group.close(30_000);
      await control.steer(ticker, { reset: true }).catch(() => undefined);
    }
    return report(results, targetLevel, pageCounts, cappedAt, failedStreams);
  },
};

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
  }
  const top = results.at(-1);
  const first = results[0];
  if (top) {
    const n = top.subscribers.toLocaleString("en-US");
    figures.push(info("2", `changes delivered, ${n} subscribers`, top.deliveredShare === null ? null : round(top.deliveredShare * 100), "%"));
    figures.push(info("2", `server CPU, ${n} subscribers`, round(top.serverCpuPercent), "% core"));
    figures.push(info("2", `bench client CPU, ${n} subscribers`, round(top.benchCpuPercent), "% core"));
  }
  figures.push(check("2", "streams that failed on their own", failedStreams, "", "0", failedStreams === 0));
  const perSubscriber =
    top && first && top.subscribers > first.subscribers
      ? (top.serverRssKb - first.serverRssKb) / (top.subscribers - first.subscribers)
      : null;
  figures.push(atMost("3", `RSS growth per subscriber (${first?.subscribers ?? "?"}→${top?.subscribers ?? "?"})`, round(perSubscriber, 2), 10, "kB"));
  if (top) figures.push(info("3", `server RSS, ${top.subscribers.toLocaleString("en-US")} subscribers`, round(top.serverRssKb / 1024), "MB"));
  const onePage = pages?.minConnections === 1 && pages.maxConnections === 1 && pages.maxOpenFeeds === 1;
  figures.push(check("3", "pages open for the symbol, most seen", pages?.maxConnections ?? null, "", "exactly 1 throughout", onePage));
  figures.push(check("3", "page loads of the symbol", pages?.maxPageLoads ?? null, "", "1 (never reloaded)", pages?.maxPageLoads === 1));
  if (cappedAt !== undefined) figures.push(info("2", `subscribers capped (${cappedAt})`, top?.subscribers ?? 0, ""));
  return { figures, details: { levels: results, pages, cappedAt, failedStreams } };
}
