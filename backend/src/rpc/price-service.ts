/**
 * PriceService handlers. Each stream owns one hub subscriber and releases it when the stream ends or its client goes away, so a
 * client abort, an error or a shutdown always releases its symbols.
 */
import { Code, ConnectError, type ConnectRouter, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { Hub } from "../hub/hub.js";
import type { StateEvent } from "../hub/events.js";
import type { Logger } from "../log.js";
import { parseSymbol, type SymbolRef } from "../symbols/symbol.js";
import { RequestLimitError, withErrors } from "./errors.js";
import { events } from "./event-stream.js";
import { heartbeatMessage, quoteMessage, statusMessage } from "./messages.js";
import { WatchRegistry } from "./watch-registry.js";

export interface PriceServiceOptions {
  hub: Hub;
  logger: Logger;
  defaultExchange: string;
  heartbeatIntervalMs: number;
  maxSymbolsPerWatch: number;
  /** watches is shared with whoever reports metrics; one is made when absent. */
  watches?: WatchRegistry;
}

/** createPriceService builds the handlers; register them with `router.service(PriceService, …)`. */
export function createPriceService(options: PriceServiceOptions): ServiceImpl<typeof PriceService> {
  const { hub, logger, heartbeatIntervalMs, maxSymbolsPerWatch } = options;
  const watches = options.watches ?? new WatchRegistry();
  const parse = (inputs: readonly string[]): SymbolRef[] =>
    inputs.map((input) => parseSymbol(input, options.defaultExchange));
  const checkWatchSize = (count: number) => {
    if (count > maxSymbolsPerWatch) {
      throw new RequestLimitError(
        `a watch holds at most ${maxSymbolsPerWatch} symbols (MAX_SYMBOLS_PER_WATCH); this one would hold ${count}`,
      );
    }
  };

  return {
    async *streamPrice(request, context) {
      const ref = await withErrors(logger, () => parse([request.symbol])[0]!);
      const subscriber = await withErrors(logger, () => hub.subscribe());
      const log = logger.child({ rpc: "StreamPrice", symbol: ref.id });
      const release = releaseOnAbort(context, () => {
        subscriber.close();
        log.info("stream.ended", { aborted: context.signal.aborted });
      });
      log.info("stream.opened");
      try {
        await withErrors(logger, () => subscriber.add([ref]));
        for await (const item of events(subscriber, context.signal, heartbeatIntervalMs)) {
          if (item.kind === "heartbeat") yield { event: { case: "heartbeat", value: heartbeatMessage() } };
          else if (item.kind === "quote") yield { event: { case: "quote", value: quoteMessage(item) } };
          else {
            throwIfFinal(item);
            yield { event: { case: "status", value: statusMessage(item) } };
          }
        }
        throwIfShuttingDown(context);
      } finally {
        release();
      }
    },

    async *watch(request, context) {
      const refs = await withErrors(logger, () => {
        const parsed = parse(request.symbols);
        checkWatchSize(new Set(parsed.map((ref) => ref.id)).size);
        return parsed;
      });
      const subscriber = await withErrors(logger, () => hub.subscribe());
      const watchId = watches.register(subscriber);
      const log = logger.child({ rpc: "Watch", watch: watchId.slice(0, 6) });
      const release = releaseOnAbort(context, () => {
        watches.unregister(watchId);
        subscriber.close();
        log.info("stream.ended", { aborted: context.signal.aborted });
      });
      try {
        await withErrors(logger, () => subscriber.add(refs));
        log.info("stream.opened", { symbols: subscriber.symbols() });
        yield { event: { case: "started", value: { watchId, symbols: subscriber.symbols() } } };
        for await (const item of events(subscriber, context.signal, heartbeatIntervalMs)) {
          if (item.kind === "heartbeat") yield { event: { case: "heartbeat", value: heartbeatMessage() } };
          else if (item.kind === "quote") yield { event: { case: "quote", value: quoteMessage(item) } };
          else yield { event: { case: "status", value: statusMessage(item) } };
        }
        throwIfShuttingDown(context);
      } finally {
        release();
      }
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
