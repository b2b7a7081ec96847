/**
 * The soak's whole load, started together and stopped together: steady watches, churning clients
 * and bad input, over the look-alike's twenty largest coins.
 */
import { setMaxListeners } from "node:events";
import { createBenchClient } from "../lib/client.js";
import { within } from "../lib/wait.js";
import { COINS } from "../plan.js";
import { runBadInput, type BadInputPlan } from "./bad-input.js";
import { runChurn, type ChurnPlan } from "./churn.js";
import { Random } from "./random.js";
import { runSteadyWatches, type SteadyPlan } from "./steady-watches.js";
import { Tally } from "./tally.js";

const SYMBOLS = COINS.slice(0, 20).map((coin) => `${coin}USD`);

/**
 * LOAD_PLAN: the steady watches hold the first twelve symbols, so those pages stay open; the other
 * eight are held only by churning clients, so their pages open and close all through the run.
 */
export const LOAD_PLAN: { readonly steady: SteadyPlan; readonly churn: ChurnPlan; readonly badInput: BadInputPlan } = {
  steady: { watches: 20, symbols: SYMBOLS.slice(0, 12), size: [3, 6], updateEveryMs: [5_000, 15_000] },
  churn: {
    clients: 10,
    symbols: SYMBOLS,
    watchShare: 0.4,
    watchSize: [2, 4],
    earlyMs: [0, 40],
    quotes: [1, 5],
    lifeMs: [1_000, 10_000],
  },
  badInput: { everyMs: [1_000, 4_000], symbols: SYMBOLS },
};

/** RunningLoad is a load in progress. Whoever starts it must `stop()` it. */
export interface RunningLoad {
  readonly tally: Tally;
  /**
   * stop aborts every client and waits (up to `timeoutMs`) until each has closed its streams and
   * sockets. Resolves false when some had not finished by then. Idempotent.
   */
  stop(timeoutMs: number): Promise<boolean>;
}

/** startLoad opens the load against `baseUrl`; it also stops when `signal` aborts. */
export function startLoad(baseUrl: string, seed: number, signal: AbortSignal): RunningLoad {
  const abort = new AbortController();
  const loadSignal = AbortSignal.any([abort.signal, signal]);
  // Every stream group and wait listens to this one signal: dozens of listeners are the design.
  setMaxListeners(0, loadSignal);
  const unary = createBenchClient(baseUrl, { keepAlive: false });
  const tally = new Tally();
  const context = { baseUrl, unary, random: new Random(seed), tally, signal: loadSignal };
  const done = Promise.all([
    runSteadyWatches(LOAD_PLAN.steady, context),
    runChurn(LOAD_PLAN.churn, context),
    runBadInput(LOAD_PLAN.badInput, context),
  ]).catch((error: unknown) => tally.fail("the load itself", error));
  let stopping: Promise<boolean> | undefined;
  return {
    tally,
    stop(timeoutMs) {
      stopping ??= (async () => {
        abort.abort();
        const finished = await within("the clients to close", done, timeoutMs, new AbortController().signal).then(
          () => true,
          () => false,
        );
        unary.close();
        return finished;
      })();
      return stopping;
    },
  };
}
