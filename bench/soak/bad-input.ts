/**
 * The hostile part of the soak's load: now and then a call that must be refused — a malformed
 * symbol (INVALID_ARGUMENT), an unknown watch id or a ticker the look-alike does not list
 * (NOT_FOUND). Anything else, including success, is counted as unexpected.
 */
import { Code } from "@connectrpc/connect";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { LoadContext } from "./steady-watches.js";

/** MALFORMED symbols, each refused by the server's symbol parser for a different reason. */
const MALFORMED: readonly string[] = [
  "",
  "   ",
  "BTC USD",
  "A:B:C",
  "BTC/USD",
  "ſBTC",
  "X".repeat(41),
  "BINANCE:",
  ":BTCUSD",
  "BTC\nUSD",
];

/** UNKNOWN is well formed but not in the look-alike's catalog: its page is TradingView's error page. */
const UNKNOWN = "NOSUCHCOINUSD";

/** ANSWER_TIMEOUT_MS bounds the wait for a refusal; NOT_FOUND for an unknown ticker opens a page first. */
const ANSWER_TIMEOUT_MS = 60_000;

/** BadInputPlan says how often a bad call is made. */
export interface BadInputPlan {
  /** everyMs bounds the pause between two bad calls, [min, max]. */
  readonly everyMs: readonly [number, number];
  /** symbols are good symbols to mix with a bad one in a Watch. */
  readonly symbols: readonly string[];
}

/** runBadInput makes one bad call at a time until `context.signal` aborts. */
export async function runBadInput(plan: BadInputPlan, context: LoadContext): Promise<void> {
  const { random, signal } = context;
  while (!signal.aborted) {
    try {
      await pause(random.int(plan.everyMs[0], plan.everyMs[1]), signal);
      await oneBadCall(plan, context);
    } catch (error) {
      if (!signal.aborted) context.tally.fail("a bad-input call", error);
    }
  }
}

async function oneBadCall(plan: BadInputPlan, context: LoadContext): Promise<void> {
  const { random, signal, unary } = context;
  const bad = random.pick(MALFORMED);
  switch (random.int(0, 5)) {
    case 0:
    case 1:
      return refusedStream(`StreamPrice(${JSON.stringify(bad)})`, Code.InvalidArgument, context, (g) => g.streamPrice(bad, () => undefined));
    case 2:
      return refusedStream(`Watch with ${JSON.stringify(bad)}`, Code.InvalidArgument, context, (g) => g.watch([random.pick(plan.symbols), bad], () => undefined));
    case 3:
      return refusedStream(`StreamPrice(${UNKNOWN})`, Code.NotFound, context, (g) => g.streamPrice(UNKNOWN, () => undefined));
    case 4:
      return refusedCall("UpdateWatch of an unknown watch id", Code.NotFound, context, () =>
        unary.service.updateWatch({ watchId: "no-such-watch", add: [random.pick(plan.symbols)] }, { signal, timeoutMs: 15_000 }),
      );
    default:
      return refusedCall("UpdateWatch with an empty watch id", Code.InvalidArgument, context, () =>
        unary.service.updateWatch({ watchId: "" }, { signal, timeoutMs: 15_000 }),
      );
  }
}

/** refusedCall makes one unary call and expects it to fail with `code`. */
async function refusedCall(what: string, code: Code, context: LoadContext, call: () => Promise<unknown>): Promise<void> {
  context.tally.open("bad input");
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  // The load's end cancels the call: that says nothing about the server.
  if (!context.signal.aborted) context.tally.expect(what, error, code);
}

/** refusedStream opens one stream on its own connection and expects it to end with `code`. */
async function refusedStream(
  what: string,
  code: Code,
  context: LoadContext,
  open: (group: StreamGroup) => { ended: Promise<unknown> },
): Promise<void> {
  const group = new StreamGroup(context.baseUrl, context.signal);
  context.tally.open("bad input");
  try {
    const error = await within(`${what} to be refused`, open(group).ended, ANSWER_TIMEOUT_MS, context.signal);
    if (!context.signal.aborted) context.tally.expect(what, error, code);
  } finally {
    await group.close();
  }
}
