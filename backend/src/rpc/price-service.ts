/**
 * PriceService handlers. Each stream owns one hub subscriber and releases it when the stream ends
 * or its client goes away, so a client abort, an error, a stall or a shutdown always frees its
 * symbols.
 */
import { Code, ConnectError, type ConnectRouter, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  PriceService,
  type HeartbeatSchema,
  type HistorySchema,
  type QuoteSchema,
  type StreamPriceResponseSchema,
  type SymbolStatusSchema,
  type WatchResponseSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { Hub, Subscriber } from "../hub/hub.js";
import type { StateEvent } from "../hub/events.js";
import type { Logger } from "../log.js";
import { parseSymbol, type SymbolRef } from "../symbols/symbol.js";
import { clientKey, socketKey } from "./client-context.js";
import { RequestLimitError, withErrors } from "./errors.js";
import { events, type StreamItem } from "./event-stream.js";
import { heartbeatMessage, historyMessage, quoteMessage, statusMessage } from "./messages.js";
import { StallGuard } from "./stall-guard.js";
import { ClientStreamLimits } from "./stream-limits.js";
import { WatchRegistry } from "./watch-registry.js";

export interface PriceServiceOptions {
  hub: Hub;
  logger: Logger;
  defaultExchange: string;
  heartbeatIntervalMs: number;
  maxSymbolsPerWatch: number;
  /** maxStreamsPerClient caps the open streams of one client address. */
  maxStreamsPerClient: number;
  /** stallTimeoutMs: a client whose stream waits this long on one write is cut off. */
  stallTimeoutMs: number;
  /** watches is shared with whoever reports metrics; one is made when absent. */
  watches?: WatchRegistry;
  /** quoteSent hears of every quote written to a client (for metrics); must be cheap. */
  quoteSent?: (observedAt: Date) => void;
}

type StreamPriceInit = MessageInitShape<typeof StreamPriceResponseSchema>;
type WatchInit = MessageInitShape<typeof WatchResponseSchema>;
/** The oneof cases StreamPriceResponse and WatchResponse share. */
type SharedEvent =
  | { case: "quote"; value: MessageInitShape<typeof QuoteSchema> }
  | { case: "status"; value: MessageInitShape<typeof SymbolStatusSchema> }
  | { case: "heartbeat"; value: MessageInitShape<typeof HeartbeatSchema> }
  | { case: "history"; value: MessageInitShape<typeof HistorySchema> };

/** createPriceService builds the handlers; register them with `router.service(PriceService, …)`. */
function createPriceService(options: PriceServiceOptions): ServiceImpl<typeof PriceService> {
  const { hub, logger, maxSymbolsPerWatch } = options;
  const watches = options.watches ?? new WatchRegistry();
  const limits = new ClientStreamLimits(options.maxStreamsPerClient);
  const stalls = new StallGuard(options.stallTimeoutMs, logger);
  const parse = (inputs: readonly string[]): SymbolRef[] =>
    inputs.map((input) => parseSymbol(input, options.defaultExchange));
  const checkWatchSize = (count: number) => {
    if (count > maxSymbolsPerWatch) {
      throw new RequestLimitError(
        `a watch holds at most ${maxSymbolsPerWatch} symbols (MAX_SYMBOLS_PER_WATCH); this one would hold ${count}`,
      );
    }
  };

  /**
   * serve runs one stream: it opens a subscriber, lets `setup` fill it, then turns hub events into
   * messages with `toMessage` until the stream ends, and releases everything exactly once.
   */
  async function* serve<T>(
    context: HandlerContext,
    label: Record<string, unknown>,
    setup: (subscriber: Subscriber) => Iterable<T>,
    toMessage: (item: StreamItem) => T,
    onRelease?: () => void,
  ): AsyncGenerator<T> {
    const client = context.values.get(clientKey);
    const releaseSlot = await withErrors(logger, () => limits.acquire(client));
    let subscriber: Subscriber;
    try {
      subscriber = await withErrors(logger, () => hub.subscribe());
    } catch (error) {
      releaseSlot();
      throw error;
    }
    const log = logger.child(label);
    const writes = stalls.guard(context.values.get(socketKey), JSON.stringify(label));
    const release = releaseOnAbort(context, () => {
      writes.done();
      onRelease?.();
      subscriber.close();
      releaseSlot();
      log.info("stream.ended", { aborted: context.signal.aborted });
    });
    try {
      const first = await withErrors(logger, () => [...setup(subscriber)]);
      log.info("stream.opened", { client, symbols: subscriber.symbols() });
      for (const message of first) yield message;
      for await (const item of events(subscriber, context.signal, options.heartbeatIntervalMs)) {
        const message = toMessage(item);
        writes.writing();
        yield message;
        writes.wrote();
        if (item.kind === "quote") options.quoteSent?.(item.observedAt);
      }
      throwIfShuttingDown(context);
    } finally {
      release();
    }
  }

  return {
    async *streamPrice(request, context): AsyncGenerator<StreamPriceInit> {
      const ref = await withErrors(logger, () => parse([request.symbol])[0]!);
      yield* serve<StreamPriceInit>(
        context,
        { rpc: "StreamPrice", symbol: ref.id },
        (subscriber) => {
          subscriber.add([ref]);
          return [];
        },
        (item) => {
          if (item.kind === "state") throwIfFinal(item);
          return { event: eventOf(item) };
        },
      );
    },

    async *watch(request, context): AsyncGenerator<WatchInit> {
      const refs = await withErrors(logger, () => {
        const parsed = parse(request.symbols);
        checkWatchSize(new Set(parsed.map((ref) => ref.id)).size);
        return parsed;
      });
      let watchId = "";
      yield* serve<WatchInit>(
        context,
        { rpc: "Watch" },
        (subscriber) => {
          subscriber.add(refs);
          watchId = watches.register(subscriber);
          return [{ event: { case: "started", value: { watchId, symbols: subscriber.symbols(), defaultExchange: options.defaultExchange } } }];
        },
        (item) => ({ event: eventOf(item) }),
        () => watches.unregister(watchId),
      );
    },

    async updateWatch(request) {
      return withErrors(logger, () => {
        if (request.watchId === "") {
          throw new ConnectError("watch_id is empty: pass the id from the Watch stream's first message", Code.InvalidArgument);
        }
        const add = parse(request.add);
        const remove = parse(request.remove);
        const subscriber = watches.get(request.watchId);
        const after = new Set(subscriber.symbols());
        for (const ref of add) after.add(ref.id);
        for (const ref of remove) after.delete(ref.id);
        checkWatchSize(after.size);
        // Add first: it is the step that can fail, and then nothing has changed.
        subscriber.add(add.filter((ref) => !remove.some((r) => r.id === ref.id)));
        subscriber.remove(remove);
        const symbols = subscriber.symbols();
        logger.info("watch.updated", { add: add.map((r) => r.id), remove: remove.map((r) => r.id), symbols: symbols.length });
        return { symbols };
      });
    },
  };
}

/** createRoutes registers PriceService on a Connect router. */
export function createRoutes(options: PriceServiceOptions): (router: ConnectRouter) => void {
  const service = createPriceService(options);
  return (router) => {
    router.service(PriceService, service);
  };
}

/** eventOf is the oneof value shared by StreamPriceResponse and WatchResponse. */
function eventOf(item: StreamItem): SharedEvent {
  if (item.kind === "heartbeat") return { case: "heartbeat", value: heartbeatMessage() };
  if (item.kind === "quote") return { case: "quote", value: quoteMessage(item) };
  if (item.kind === "history") return { case: "history", value: historyMessage(item) };
  return { case: "status", value: statusMessage(item) };
}

function throwIfFinal(event: StateEvent): void {
  if (event.state === "not_found") {
    throw new ConnectError(`TradingView has no symbol ${event.symbol}: check the ticker and exchange`, Code.NotFound);
  }
  if (event.state === "failed") {
    throw new ConnectError(`could not read a price for ${event.symbol}: ${event.detail || "the page never showed one"}`, Code.Unavailable);
  }
}

/**
 * releaseOnAbort runs `release` once: when the stream's signal aborts (the client went away, or
 * the server is shutting down), or when the caller calls the returned function in `finally`.
 * Releasing on abort frees the symbols at once, even while the handler is suspended in a write
 * that settles only later.
 */
function releaseOnAbort(context: HandlerContext, release: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    context.signal.removeEventListener("abort", once);
    release();
  };
  context.signal.addEventListener("abort", once);
  return once;
}

/** A planned shutdown aborts handler signals with a ConnectError; send it instead of ending OK. */
function throwIfShuttingDown(context: HandlerContext): void {
  if (context.signal.aborted && context.signal.reason instanceof ConnectError) throw context.signal.reason;
}
