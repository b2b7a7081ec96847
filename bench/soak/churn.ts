/**
 * The churning part of the soak's load: short-lived StreamPrice and Watch clients, each on its own
 * connection, that go away at a random moment — before their first quote, after a few quotes, or
 * after a while — the way page reloads, closed tabs and flaky networks end streams.
 */
import { StreamGroup } from "../lib/stream-group.js";
import { pause, waitFor } from "../lib/wait.js";
import type { LoadContext } from "./steady-watches.js";

/** ChurnPlan sizes the churn. */
export interface ChurnPlan {
  /** clients is how many churning clients are connected at any time. */
  readonly clients: number;
  readonly symbols: readonly string[];
  /** watchShare is the share of churning clients that call Watch rather than StreamPrice. */
  readonly watchShare: number;
  /** watchSize bounds the symbols of a churning Watch, [min, max]. */
  readonly watchSize: readonly [number, number];
  /** earlyMs bounds the life of a client that leaves early (often before its first quote). */
  readonly earlyMs: readonly [number, number];
  /** quotes bounds how many quotes a client that leaves "after some quotes" waits for. */
  readonly quotes: readonly [number, number];
  /** lifeMs bounds the life of a client that leaves after a while. */
  readonly lifeMs: readonly [number, number];
}

/** QUOTES_TIMEOUT_MS: the random walk moves every second, so waiting this long for a few quotes means trouble. */
const QUOTES_TIMEOUT_MS = 60_000;

/** runChurn keeps `plan.clients` churning clients going until `context.signal` aborts. */
export async function runChurn(plan: ChurnPlan, context: LoadContext): Promise<void> {
  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      while (!context.signal.aborted) await churnOnce(plan, context);
    }),
  );
}

async function churnOnce(plan: ChurnPlan, context: LoadContext): Promise<void> {
  const { random, tally, signal } = context;
  const group = new StreamGroup(context.baseUrl, signal);
  const useWatch = random.chance(plan.watchShare);
  const symbols = useWatch ? random.sample(plan.symbols, random.int(plan.watchSize[0], plan.watchSize[1])) : [random.pick(plan.symbols)];
  const label = useWatch ? `churn Watch(${symbols.join(",")})` : `churn StreamPrice(${symbols[0]!})`;
  let quotes = 0;
  const onQuote = () => {
    quotes++;
    tally.quotes++;
  };
  tally.open(useWatch ? "churn Watch" : "churn StreamPrice");
  const stream = useWatch ? group.watch(symbols, onQuote) : group.streamPrice(symbols[0]!, onQuote);
  const ended = stream.ended.then((error) => ({ error }));
  // Ends the wait for the moment to leave when the stream ends first.
  const gone = new AbortController();
  let leftOnItsOwn = false;
  try {
    const outcome = await Promise.race([ended, leaveWhen(plan, context, AbortSignal.any([signal, gone.signal]), () => quotes, label)]);
    if (outcome && !signal.aborted) {
      leftOnItsOwn = true;
      tally.fail(`${label} ended on its own`, outcome.error ?? "it ended without an error");
    }
  } catch (error) {
    if (!signal.aborted) tally.fail(label, error);
  } finally {
    gone.abort();
    await group.close();
  }
  if (leftOnItsOwn || signal.aborted) return;
  if (quotes === 0) tally.abortedBeforeFirstQuote++;
  else tally.abortedAfterQuotes++;
}

/** leaveWhen resolves (with nothing) at the moment a client chose at random decides to go. */
async function leaveWhen(plan: ChurnPlan, context: LoadContext, signal: AbortSignal, quotes: () => number, label: string): Promise<undefined> {
  const { random } = context;
  switch (random.int(0, 2)) {
    case 0:
      await pause(random.int(plan.earlyMs[0], plan.earlyMs[1]), signal);
      break;
    case 1: {
      const wanted = random.int(plan.quotes[0], plan.quotes[1]);
      await waitFor(`${wanted} quotes on ${label}`, () => quotes() >= wanted, { timeoutMs: QUOTES_TIMEOUT_MS, signal, intervalMs: 50 });
      break;
    }
    default:
      await pause(random.int(plan.lifeMs[0], plan.lifeMs[1]), signal);
  }
  return undefined;
}
