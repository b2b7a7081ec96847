/**
 * Scenario 10: one symbol in clock mode (a new price every 250 ms, read back from the
 * price itself) fanned out to many StreamPrice subscribers, then many Watch clients, each measured
 * against the real server and against the bare node:http floor with the same client processes in
 * the same run. Every figure is printed beside the floor's as a ratio; absolute times on a shared
 * machine are noise, ratios within one run are not. Last, a slow client stalled past the kernel's
 * buffers beside fast ones (slow-beside.ts). The look-alike runs in a process of its own (run.ts).
 */
import { describeWindow, measureWindow, type Target, type WindowPlan, type WindowResult } from "../clients/measure.js";
import { ClientPool } from "../clients/pool.js";
import { startFloor, type BenchFloor } from "../lib/floor.js";
import { check, info, ratioToFloor, type Figure } from "../lib/report.js";
import { waitIdle } from "../lib/server.js";
import { COINS } from "../plan.js";
import type { BenchContext, Scenario } from "./scenario.js";
import { slowBeside, slowFigures, type SlowBeside } from "./slow-beside.js";

/** Pair is one window against the server and the same window against the floor. */
interface Pair {
  readonly label: string;
  readonly server: WindowResult;
  readonly floor: WindowResult;
  readonly processes: number;
}

/** floorFanOut is scenario 10; see the file header. */
export const floorFanOut: Scenario = {
  id: "10",
  title: "Fan-out beside the node:http floor",
  fullTimeoutMs: 1_200_000,
  async run(context) {
    const { plan, server, control, signal, log } = context;
    const { ticker, levels, processes, watches, watchSymbols, windowMs, batch, openTimeoutMs } = plan.floor;
    const watchTickers = COINS.slice(20, 20 + watchSymbols).map((coin) => `${coin}USD`);
    const slowTickers = COINS.slice(0, plan.floor.slow.symbols).map((coin) => `${coin}USDT`);
    const pairs: Pair[] = [];
    let slow: [SlowBeside, SlowBeside] | undefined;
    const unmeasured: string[] = [];
    let floor: BenchFloor | undefined;
    try {
      for (const symbol of [ticker, ...watchTickers, ...slowTickers]) await control.steer(symbol, { reset: true, clock: true });
      floor = await startFloor({ ticking: true, signal });
      const targets: [Target, Target] = [server, floor];
      for (const [i, streams] of levels.entries()) {
        const pool = ClientPool.start(processes[i] ?? 1, signal);
        try {
          const label = `${streams.toLocaleString("en-US")} subscribers`;
          const window: WindowPlan = { kind: "price", symbols: [ticker], streams, batch, windowMs, openTimeoutMs };
          const [real, bare] = await both(context, targets, (target) => measureWindow(pool, target, quietOnServer(context, target, window), signal));
          log(describeWindow(`${label}, server`, real));
          log(describeWindow(`${label}, floor`, bare));
          pairs.push({ label, server: real, floor: bare, processes: pool.size });
        } catch (error) {
          // A level the server cannot reach in time is a finding; the watches are still measured.
          signal.throwIfAborted();
          unmeasured.push(`${streams.toLocaleString("en-US")} subscribers over ${pool.size} processes: ${String(error)}`);
          log(`could not measure ${unmeasured.at(-1)}`);
          await waitIdle(context.server, signal, 60_000).catch(() => undefined);
        } finally {
          await pool.stop();
        }
      }
      const pool = ClientPool.start(processes[0] ?? 1, signal);
      try {
        const label = `${watches.toLocaleString("en-US")} Watch clients of ${watchSymbols} symbols`;
        const window: WindowPlan = { kind: "watch", symbols: watchTickers, streams: watches, batch, windowMs, openTimeoutMs };
        const [real, bare] = await both(context, targets, (target) => measureWindow(pool, target, quietOnServer(context, target, window), signal));
        log(describeWindow(`${label}, server`, real));
        log(describeWindow(`${label}, floor`, bare));
        pairs.push({ label, server: real, floor: bare, processes: pool.size });
      } catch (error) {
        signal.throwIfAborted();
        unmeasured.push(`${watches.toLocaleString("en-US")} Watch clients over ${pool.size} processes: ${String(error)}`);
        log(`could not measure ${unmeasured.at(-1)}`);
        await waitIdle(context.server, signal, 60_000).catch(() => undefined);
      } finally {
        await pool.stop();
      }
      await waitIdle(server, signal, 30_000);
      // The floor's slow client runs alongside the server's: it costs the floor little, and saves minutes.
      const skipped = async (symbols: readonly string[]) => {
        let sum = 0;
        for (const symbol of symbols) sum += (await control.state(symbol)).clockSkipped;
        return sum;
      };
      slow = await Promise.all([
        slowBeside(targets[0], slowTickers, plan.floor.slow, signal, skipped),
        slowBeside(targets[1], slowTickers, plan.floor.slow, signal),
      ]);
      log(`slow client, server: ${JSON.stringify(slow[0])}; floor: ${JSON.stringify(slow[1])}`);
    } finally {
      await floor?.stop();
      for (const symbol of [ticker, ...watchTickers, ...slowTickers]) await control.steer(symbol, { reset: true }).catch(() => undefined);
    }
    const out = figures(pairs);
    for (const reason of unmeasured) out.push(check("10", `not measured: ${reason}`, 0, "", "measured", false));
    if (slow) out.push(...slowFigures(...slow));
    return { figures: out, details: { pairs, slow } };
  },
};

/**
 * quietOnServer stops the look-alike's clock on the window's symbols while the server's streams
 * open: on a 2-core machine, fanning out to the thousands already open would otherwise starve the
 * opening of the rest. The floor opens while ticking; its opens cost next to nothing.
 */
export function quietOnServer(context: BenchContext, target: Target, window: WindowPlan): WindowPlan {
  if (target !== context.server) return window;
  const steer = async (clock: boolean) => {
    for (const symbol of window.symbols) await context.control.steer(symbol, clock ? { clock } : { clock, paused: true });
  };
  return { ...window, quiet: { stop: () => steer(false), start: () => steer(true) } };
}

/** both measures the server, then the floor, leaving the server idle in between. */
export async function both<T>(context: BenchContext, targets: readonly [Target, Target], measure: (target: Target) => Promise<T>): Promise<[T, T]> {
  const real = await measure(targets[0]);
  await waitIdle(context.server, context.signal, 30_000);
  const bare = await measure(targets[1]);
  return [real, bare];
}

/** figures: the first level carries the fan-out's 2× / 2.5× / 3× targets, later levels and the watches p99 ≤ 3×. */
function figures(pairs: readonly Pair[]): Figure[] {
  const out: Figure[] = [];
  for (const [i, { label, server, floor, processes }] of pairs.entries()) {
    const first = i === 0;
    const p99Limit = first ? 2.5 : 3;
    out.push(ratioToFloor("10", `delivery p50 ms, ${label}`, server.deliveryMs.p50, floor.deliveryMs.p50, first ? 2 : undefined));
    out.push(ratioToFloor("10", `delivery p99 ms, ${label}`, server.deliveryMs.p99, floor.deliveryMs.p99, p99Limit));
    // Split off what happens before the server has the price (the page in Chromium, the scraper), which the floor does not pay.
    out.push(ratioToFloor("10", `after observed_at p50 ms (hub, encode, write, read), ${label}`, server.sinceObservedMs.p50, floor.sinceObservedMs.p50));
    out.push(ratioToFloor("10", `after observed_at p99 ms, ${label}`, server.sinceObservedMs.p99, floor.sinceObservedMs.p99));
    out.push(ratioToFloor("10", `server CPU % core, ${label}`, server.serverCpuPercent, floor.serverCpuPercent, first ? 3 : undefined));
    out.push(info("10", `client processes / their CPU, ${label} (${processes} processes)`, server.clientCpuPercent, "% core"));
    out.push(info("10", `clients caught up after opening (their history read), ${label}: floor ${floor.settledMs.toLocaleString("en-US")}`, server.settledMs, "ms"));
    const kept = server.missed + server.duplicated;
    out.push(check("10", `missed / duplicated, ${label}: server ${server.missed} / ${server.duplicated}, floor ${floor.missed} / ${floor.duplicated}`, kept, "", "0", kept === 0));
    if (server.foreign > 0 || server.received === 0) out.push(check("10", `quotes not from the clock, ${label}`, server.foreign, "", "0 (and > 0 received)", false));
  }
  return out;
}
