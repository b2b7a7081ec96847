/**
 * A client process of the benchmark (`node --import tsx bench/clients/worker.ts`, forked with an
 * IPC channel): it holds many Connect-JSON streams (raw-group.ts) and tallies the clock prices they deliver, so
 * that thousands of subscribers can be spread over processes and the client is not the bottleneck.
 */
import { tickOfClockPrice, CLOCK_TICK_MS } from "@crypto-stream/backend/sim";
import type { ReceivedQuote } from "../lib/client.js";
import { GrpcGroup } from "./grpc-group.js";
import { RawGroup } from "./raw-group.js";
import { within } from "../lib/wait.js";
import type { FromWorker, Tally, ToWorker } from "./protocol.js";

const abort = new AbortController();
let group: RawGroup | GrpcGroup | undefined;
let recording = false;
let tally = emptyTally();
/** lastTick holds, per stream, the newest tick seen of each symbol while recording. */
let lastTick: Map<string, number>[] = [];

function emptyTally(): Tally & { latenciesMs: number[]; sinceObservedMs: number[]; received: number; missed: number; missedTicks: Record<string, number>; duplicated: number; foreign: number } {
  return { latenciesMs: [], sinceObservedMs: [], received: 0, missed: 0, missedTicks: {}, duplicated: 0, foreign: 0 };
}

function onQuote(stream: number, quote: ReceivedQuote): void {
  if (!recording) return;
  tally.received += 1;
  const tick = tickOfClockPrice(quote.price, quote.receivedAtMs);
  if (tick === undefined) {
    tally.foreign += 1;
    return;
  }
  tally.latenciesMs.push(quote.receivedAtMs - tick * CLOCK_TICK_MS);
  if (Number.isFinite(quote.observedAtMs)) tally.sinceObservedMs.push(quote.receivedAtMs - quote.observedAtMs);
  const seen = (lastTick[stream] ??= new Map());
  const last = seen.get(quote.symbol);
  if (last !== undefined && tick <= last) tally.duplicated += 1;
  else {
    if (last !== undefined) {
      tally.missed += tick - last - 1;
      for (let gap = last + 1; gap < tick; gap++) {
        const missed = `${quote.symbol}@${gap}`;
        tally.missedTicks[missed] = (tally.missedTicks[missed] ?? 0) + 1;
      }
    }
    seen.set(quote.symbol, tick);
  }
}

async function open(command: Extract<ToWorker, { type: "open" }>): Promise<FromWorker> {
  // A second open adds to the streams already open, for memory measured in steps.
  group ??= command.http2Connections === undefined ? new RawGroup(command.baseUrl) : new GrpcGroup(command.baseUrl, command.http2Connections);
  const streams = group;
  const before = streams.size;
  const wanted = before + command.count;
  try {
    while (streams.size < wanted) {
      const handles = Array.from({ length: Math.min(command.batch, wanted - streams.size) }, () => {
        const index = streams.size;
        const deliver = (quote: ReceivedQuote) => onQuote(index, quote);
        return command.kind === "price" ? streams.streamPrice(command.symbols[0] ?? "", deliver) : streams.watch(command.symbols, deliver);
      });
      await within(`${handles.length} streams to open`, Promise.all(handles.map((h) => h.firstQuote)), 60_000, abort.signal);
      if ((streams.size - before) % 1_000 === 0) process.stderr.write(`[client ${process.pid}] ${streams.size - before} of ${command.count} streams open\n`);
    }
    return { type: "opened", open: streams.size - before };
  } catch (error) {
    const failures = streams.failures();
    return { type: "opened", open: streams.size - before - failures.length, error: failures[0]?.message ?? String(error) };
  }
}

async function handle(command: ToWorker): Promise<FromWorker> {
  switch (command.type) {
    case "open":
      return open(command);
    case "record":
      tally = emptyTally();
      lastTick = [];
      recording = true;
      return { type: "recording" };
    case "collect":
      recording = false;
      return { type: "collected", tally };
    case "close": {
      const failed = group?.close() ?? 0;
      group = undefined;
      return { type: "closed", failed };
    }
  }
}

process.on("message", (command: ToWorker) => {
  // The benchmark may have given up on this answer and gone; a lost reply is then no error.
  void handle(command).then((reply) => {
    if (process.connected) process.send?.(reply, undefined, undefined, () => undefined);
  });
});
// The benchmark going away (its IPC channel closing) ends this process too.
process.on("disconnect", () => {
  abort.abort();
  process.exit(0);
});
