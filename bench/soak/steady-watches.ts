/**
 * The steady part of the soak's load: long-lived Watch streams, as browser tabs left open, each
 * changing its symbols now and then with UpdateWatch (add one, drop one), as a user edits a grid.
 */
import type { BenchClient } from "../lib/client.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause } from "../lib/wait.js";
import type { Random } from "./random.js";
import type { Tally } from "./tally.js";

/** SteadyPlan sizes the steady watches. */
export interface SteadyPlan {
  readonly watches: number;
  /** symbols a watch draws from. */
  readonly symbols: readonly string[];
  /** size bounds how many symbols one watch holds, [min, max]. */
  readonly size: readonly [number, number];
  /** updateEveryMs bounds the pause between two updates of one watch, [min, max]. */
  readonly updateEveryMs: readonly [number, number];
}

/** LoadContext is what every part of the load shares. */
export interface LoadContext {
  readonly baseUrl: string;
  /** unary makes UpdateWatch calls, one fresh connection each. */
  readonly unary: BenchClient;
  readonly random: Random;
  readonly tally: Tally;
  /** signal ends the load; every stream is aborted and closed when it fires. */
  readonly signal: AbortSignal;
}

/** runSteadyWatches keeps `plan.watches` watches open until `context.signal` aborts, reopening any that ends. */
export async function runSteadyWatches(plan: SteadyPlan, context: LoadContext): Promise<void> {
  await Promise.all(Array.from({ length: plan.watches }, () => keepOneWatch(plan, context)));
}

async function keepOneWatch(plan: SteadyPlan, context: LoadContext): Promise<void> {
  const { signal, random, tally } = context;
  while (!signal.aborted) {
    const held = new Set(random.sample(plan.symbols, random.int(plan.size[0], plan.size[1])));
    const group = new StreamGroup(context.baseUrl, signal);
    tally.open("steady Watch");
    const stream = group.watch([...held], () => tally.quotes++);
    const ended = stream.ended.then((error) => ({ error }));
    try {
      const watchId = await stream.watchId;
      for (;;) {
        const [min, max] = plan.updateEveryMs;
        const outcome = await Promise.race([ended, pause(random.int(min, max), signal)]);
        if (outcome) {
          if (!signal.aborted) tally.fail("a steady Watch ended on its own", outcome.error ?? "it ended without an error");
          break;
        }
        await update(watchId, held, plan, context);
      }
    } catch (error) {
      if (!signal.aborted) tally.fail("a steady Watch or its UpdateWatch failed", error);
    } finally {
      await group.close();
    }
  }
}

/** update adds one symbol and drops one, within the watch's size bounds, and checks the answer. */
async function update(watchId: string, held: Set<string>, plan: SteadyPlan, context: LoadContext): Promise<void> {
  const { random, tally, signal } = context;
  const free = plan.symbols.filter((symbol) => !held.has(symbol));
  const add = held.size < plan.size[1] && free.length > 0 ? [random.pick(free)] : [];
  const remove = held.size > plan.size[0] || add.length > 0 ? [random.pick([...held])] : [];
  const answer = await context.unary.service.updateWatch({ watchId, add, remove }, { signal, timeoutMs: 15_000 });
  for (const symbol of remove) held.delete(symbol);
  for (const symbol of add) held.add(symbol);
  tally.updates++;
  const expected = [...held].sort().join(",");
  const got = [...answer.symbols].sort().join(",");
  if (got !== expected) tally.fail(`UpdateWatch answered [${got}]`, `expected [${expected}]`);
}
