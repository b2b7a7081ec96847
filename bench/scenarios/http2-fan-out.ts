/**
 * Scenario 14: gRPC StreamPrice over HTTP/2 (h2c, prior knowledge), against the real server and
 * against the bare node:http2 floor (bench/floor/h2-floor-server.ts) with the same client
 * processes in the same run, printed as ratios: one symbol in clock mode fanned out to `streams`
 * streams over few HTTP/2 connections, then over one connection each; first, RSS per idle stream.
 * The HTTP/1.1 fan-out beside its own floor is scenarios 10 and 12.
 */
import { describeWindow, measureWindow, type Target, type WindowPlan, type WindowResult } from "../clients/measure.js";
import { firstOf, rssPerIdleStream } from "../clients/idle-rss.js";
import { ClientPool } from "../clients/pool.js";
import { startFloor, type BenchFloor } from "../lib/floor.js";
import { waitIdle } from "../lib/server.js";
import { check, info, ratioToFloor, type Figure } from "../lib/report.js";
import { round, summarize } from "../lib/stats.js";
import { both, quietOnServer } from "./floor-fan-out.js";
import type { BenchContext, Scenario } from "./scenario.js";

interface Pair {
  readonly connections: number;
  readonly server: WindowResult;
  readonly floor: WindowResult;
}

/** http2FanOut is scenario 14; see the file header. */
export const http2FanOut: Scenario = {
  id: "14",
  title: "gRPC over HTTP/2 beside the node:http2 floor",
  fullTimeoutMs: 900_000,
  // Four windows and two idle weighings: about 45 s quick on an idle machine, over 60 s on a loaded one.
  quickTimeoutMs: 150_000,
  async run(context) {
    const { plan, server, control, signal, log } = context;
    const { ticker, streams, connections, processes, batch, windowMs, openTimeoutMs } = plan.http2;
    const pairs: Pair[] = [];
    const out: Figure[] = [];
    // Weighed first, while the server's heap has not been grown (and left full of garbage) by the
    // busy layouts: after them, new streams fill freed heap and RSS hardly moves, or even drops.
    const idle = await idleRss(context);
    await waitIdle(server, signal, 60_000);
    let floor: BenchFloor | undefined;
    try {
      await control.steer(ticker, { reset: true, clock: true });
      floor = await startFloor({ ticking: true, signal, http2: true });
      const targets: [Target, Target] = [server, floor];
      for (const count of connections) {
        const pool = ClientPool.start(processes, signal);
        try {
          const window: WindowPlan = { kind: "price", symbols: [ticker], streams, batch, windowMs, openTimeoutMs, http2Connections: count };
          const [real, bare] = await both(context, targets, (target) => measureWindow(pool, target, quietOnServer(context, target, window), signal));
          log(describeWindow(`HTTP/2, ${count} connections, server`, real));
          log(describeWindow(`HTTP/2, ${count} connections, floor`, bare));
          pairs.push({ connections: count, server: real, floor: bare });
        } catch (error) {
          // One layout the server cannot carry is a finding; the next is still measured.
          signal.throwIfAborted();
          out.push(check("14", `not measured: ${streams} gRPC streams over ${count} HTTP/2 connections: ${String(error)}`, 0, "", "measured", false));
          log(`could not measure ${count} connections: ${String(error)}`);
          await waitIdle(server, signal, 60_000).catch(() => undefined);
        } finally {
          await pool.stop();
        }
      }
    } finally {
      await floor?.stop();
    }
    await control.steer(ticker, { reset: true }).catch(() => undefined);
    return { figures: [...figures(pairs, streams), ...out, ...idle.figures], details: { pairs, idle: idle.details } };
  },
};

/** figures: p50 ≤ 1.5×, p99 ≤ 2× for every layout; CPU ≤ 2× on the first (few connections); 0 missed or duplicated. */
function figures(pairs: readonly Pair[], streams: number): Figure[] {
  const out: Figure[] = [];
  for (const [i, { connections, server, floor }] of pairs.entries()) {
    const label = `HTTP/2, ${streams.toLocaleString("en-US")} gRPC streams over ${connections.toLocaleString("en-US")} connections`;
    out.push(ratioToFloor("14", `delivery p50 ms, ${label}`, server.deliveryMs.p50, floor.deliveryMs.p50, 1.5));
    out.push(ratioToFloor("14", `delivery p99 ms, ${label}`, server.deliveryMs.p99, floor.deliveryMs.p99, 2));
    out.push(ratioToFloor("14", `after observed_at p50 ms, ${label}`, server.sinceObservedMs.p50, floor.sinceObservedMs.p50));
    out.push(ratioToFloor("14", `after observed_at p99 ms, ${label}`, server.sinceObservedMs.p99, floor.sinceObservedMs.p99));
    out.push(ratioToFloor("14", `server CPU % core, ${label}`, server.serverCpuPercent, floor.serverCpuPercent, i === 0 ? 2 : undefined));
    out.push(info("14", `client processes' CPU, ${label}`, server.clientCpuPercent, "% core"));
    const kept = server.missed + server.duplicated;
    out.push(check("14", `missed / duplicated, ${label}: server ${server.missed} / ${server.duplicated}, floor ${floor.missed} / ${floor.duplicated}`, kept, "", "0", kept === 0));
    if (server.foreign > 0 || server.received === 0) out.push(check("14", `quotes not from the clock, ${label}`, server.foreign, "", "0 (and > 0 received)", false));
  }
  return out;
}

/**
 * idleRss weighs RSS per idle HTTP/2 stream as scenario 12 does per HTTP/1.1 subscriber
 * (clients/idle-rss.ts): the symbol paused on the server, the floor not ticking, over the first
 * layout's few connections, so it weighs streams, not connections. Each side is weighed `idleRounds` times and its median is the figure: one weighing
 * of 1,800 streams moves by as much as a collection frees or the heap grows between two samples.
 */
async function idleRss(context: BenchContext): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const { plan, server, control, signal, log } = context;
  const { ticker, idle, idleRounds, batch, processes, connections } = plan.http2;
  const first = firstOf(idle);
  const count = connections[0] ?? 1;
  const weighing = { ticker, total: idle, batch, processes, http2Connections: count };
  const once = (target: Target) => rssPerIdleStream(target, weighing, signal);
  const rounds = async (target: Target): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < idleRounds; i++) samples.push(await once(target));
    return samples;
  };
  await control.steer(ticker, { reset: true, paused: true });
  const floor = await startFloor({ ticking: false, signal, http2: true });
  try {
    const serverSamples = await rounds(server);
    const floorSamples = await rounds(floor);
    const serverKb = summarize(serverSamples).p50 ?? 0;
    const floorKb = summarize(floorSamples).p50 ?? 0;
    const list = (samples: readonly number[]) => samples.map((kb) => kb.toFixed(1)).join(", ");
    log(`RSS per idle HTTP/2 stream, median of ${idleRounds}: server ${serverKb.toFixed(1)} kB (${list(serverSamples)}), floor ${floorKb.toFixed(1)} kB (${list(floorSamples)})`);
    const label = `RSS kB per idle HTTP/2 gRPC stream (${first}→${idle.toLocaleString("en-US")} over ${count} connections, median of ${idleRounds})`;
    return { figures: [ratioToFloor("14", label, round(serverKb), round(floorKb), 2)], details: { serverKb, floorKb, serverSamples, floorSamples, first, idle } };
  } finally {
    await floor.stop();
  }
}
