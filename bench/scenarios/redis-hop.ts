/**
 * Scenario 8, the Redis hop: what delivery latency the cluster adds. It starts its own
 * redis-server and two servers with `REDIS_URL` (bench-a, bench-b). Clients of bench-a subscribe
 * first, so bench-a takes the lease and reads the page; then as many clients subscribe on bench-b,
 * which reads no page and relays what bench-a publishes. Prices are steered on bench-a's look-alike
 * (the page its scraper reads) and delivery is timed as in scenario 2: `observed_at` → decoded.
 *
 * In the cluster every instance, the owner included, feeds its clients from the symbol's Redis
 * channel (one path for all, so nobody gets a quote twice). So the hop is measured against the
 * standalone bench server (no Redis), same clients and same steering, just before: cluster − that.
 *
 * Skipped, not failed, when redis-server is not installed.
 */
import { owners, REDIS_MISSING, startCluster, type BenchCluster } from "../lib/cluster.js";
import { check, info, type Figure } from "../lib/report.js";
import { createSimControl, pausedLadder, type SimControl } from "../lib/sim-control.js";
import { every, steerSeries } from "../lib/steer.js";
import { round, summarize, type Summary } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { BenchContext, Scenario } from "./scenario.js";

const IDS = ["bench-a", "bench-b"] as const;

/** Side is what the clients of one server received in a window. */
interface Side {
  readonly deliveryMs: Summary;
  /** deliveredShare: quotes received / (clients × steered prices), or null when nothing was steered. */
  readonly deliveredShare: number | null;
}

/**
 * steeredDelivery subscribes the plan's clients on each server in turn (each batch waits for its
 * first quotes, so the first server is the first to hold the symbol), steers one window through
 * `control`, and closes every stream again.
 */
async function steeredDelivery(context: BenchContext, control: SimControl, baseUrls: readonly string[], subscribed?: () => Promise<void>): Promise<Side[]> {
  const { plan, signal } = context;
  const { ticker, clients, changes, changesPerSecond } = plan.redisHop;
  const ladder = await pausedLadder(control, ticker);
  const steered = new Set<string>();
  const latencies = baseUrls.map(() => [] as number[]);
  const groups: StreamGroup[] = [];
  try {
    for (const [i, baseUrl] of baseUrls.entries()) {
      const group = new StreamGroup(baseUrl, signal);
      groups.push(group);
      const handles = Array.from({ length: clients }, () =>
        group.streamPrice(ticker, (quote) => {
          if (steered.has(quote.price)) latencies[i]!.push(quote.receivedAtMs - quote.observedAtMs);
        }),
      );
      await within(`${clients} ${ticker} streams on ${baseUrl}`, Promise.all(handles.map((h) => h.firstQuote)), 60_000, signal);
    }
    await subscribed?.();
    await pause(1_000, signal); // every page and stream at rest before the window opens
    await steerSeries({
      control,
      ticker,
      ladder,
      count: changes,
      maxDurationMs: (changes / changesPerSecond) * 2_000,
      gapMs: every(1000 / changesPerSecond),
      sent: (price) => steered.add(price),
      signal,
    });
    await pause(1_000, signal); // the last changes are still on their way
    return latencies.map((samples) => ({
      deliveryMs: summarize(samples),
      deliveredShare: steered.size > 0 ? samples.length / (clients * steered.size) : null,
    }));
  } finally {
    await Promise.all(groups.map((group) => group.close()));
    await control.steer(ticker, { reset: true }).catch(() => undefined);
  }
}

/** ClusterWindow is what the cluster's window measured, and how its instances stopped. */
interface ClusterWindow {
  readonly owner: Side;
  readonly other: Side;
  /** owned is the symbol's owner as /status/cluster named it. */
  readonly owned: string | undefined;
  /** pages is the symbol's live page connections, both look-alikes together. */
  readonly pages: number;
  readonly exitCodes: (number | null)[];
}

/** clusterDelivery runs the window on a fresh cluster and stops the cluster, whatever happens. */
async function clusterDelivery(context: BenchContext): Promise<ClusterWindow> {
  const { plan, chromiumPath, log } = context;
  const { ticker, clients } = plan.redisHop;
  const cluster: BenchCluster = await startCluster(IDS, {
    chromiumPath,
    logFile: (id) => context.logFile(id),
    readyTimeoutMs: 60_000,
    env: { MAX_STREAMS_PER_CLIENT: String(clients + 100) },
  });
  log(`cluster up: redis-server and ${IDS.join(", ")}`);
  let measured: Omit<ClusterWindow, "exitCodes">;
  let exitCodes: (number | null)[];
  try {
    const [a, b] = cluster.servers;
    if (!a || !b) throw new Error("the cluster has fewer than two servers");
    const controlA = createSimControl(a.baseUrl);
    const controlB = createSimControl(b.baseUrl);
    let owned: string | undefined;
    let pages = Number.NaN;
    const [owner, other] = await steeredDelivery(context, controlA, [a.baseUrl, b.baseUrl], async () => {
      // Asked of the other instance: the owner as the whole cluster sees it, read from Redis.
      owned = (await owners(b))[`BINANCE:${ticker}`];
      pages = (await controlA.state(ticker)).openConnections + (await controlB.state(ticker)).openConnections;
      log(`BINANCE:${ticker} is owned by ${owned ?? "nobody"}; pages open across both instances: ${pages}`);
    });
    measured = { owner: owner!, other: other!, owned, pages };
  } finally {
    exitCodes = await cluster.stop(20_000);
    log(`cluster stopped; exit codes ${exitCodes.join(", ")}`);
  }
  return { ...measured, exitCodes };
}

/** redisHop is scenario 8; see the file header. */
export const redisHop: Scenario = {
  id: "8",
  title: "Delivery through Redis",
  async run(context) {
    if (REDIS_MISSING !== undefined) {
      context.log(`skipped: ${REDIS_MISSING}`);
      return { figures: [], details: { skipped: REDIS_MISSING }, skipped: REDIS_MISSING };
    }
    const { server, control, log, plan } = context;
    const [standalone] = await steeredDelivery(context, control, [server.baseUrl]);
    log(`standalone: delivery p50 ${standalone!.deliveryMs.p50} ms p99 ${standalone!.deliveryMs.p99} ms`);
    const cluster = await clusterDelivery(context);
    log(`owner p50 ${cluster.owner.deliveryMs.p50} ms p99 ${cluster.owner.deliveryMs.p99} ms; other p50 ${cluster.other.deliveryMs.p50} ms p99 ${cluster.other.deliveryMs.p99} ms`);
    return {
      figures: figures(standalone!, cluster, plan.redisHop.clients),
      details: { ...plan.redisHop, standalone, ...cluster },
    };
  },
};

function minus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

function figures(standalone: Side, cluster: ClusterWindow, clients: number): Figure[] {
  const { owner, other } = cluster;
  const share = (side: Side) => (side.deliveredShare === null ? null : round(side.deliveredShare * 100));
  return [
    info("8", `delivery p50 / p99, standalone (no Redis), ${clients} clients`, round(standalone.deliveryMs.p50), `ms / ${round(standalone.deliveryMs.p99)} ms`),
    info("8", `delivery p50 / p99, owner (reads the page), ${clients} clients`, round(owner.deliveryMs.p50), `ms / ${round(owner.deliveryMs.p99)} ms`),
    info("8", `delivery p50 / p99, other instance (relays), ${clients} clients`, round(other.deliveryMs.p50), `ms / ${round(other.deliveryMs.p99)} ms`),
    info("8", "Redis hop added, p50: owner − standalone", round(minus(owner.deliveryMs.p50, standalone.deliveryMs.p50)), "ms"),
    info("8", "Redis hop added, p99: owner − standalone", round(minus(owner.deliveryMs.p99, standalone.deliveryMs.p99)), "ms"),
    info("8", "Redis hop added, p50: other instance − standalone", round(minus(other.deliveryMs.p50, standalone.deliveryMs.p50)), "ms"),
    info("8", "Redis hop added, p99: other instance − standalone", round(minus(other.deliveryMs.p99, standalone.deliveryMs.p99)), "ms"),
    info("8", "changes delivered, standalone / owner / other", share(standalone), `% / ${share(owner)} % / ${share(other)} %`),
    check("8", "owner is the instance called first", cluster.owned === IDS[0] ? 1 : 0, "", IDS[0], cluster.owned === IDS[0]),
    check("8", "pages open for the symbol across both instances", cluster.pages, "", "1", cluster.pages === 1),
    check("8", "cluster instances that exited 0 after SIGTERM", cluster.exitCodes.filter((code) => code === 0).length, `of ${IDS.length}`, `${IDS.length}`, cluster.exitCodes.every((code) => code === 0)),
  ];
}
