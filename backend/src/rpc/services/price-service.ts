/**
 * PriceService: its streams' specs check requests, fill subscribers and shape first messages.
 * Running a stream (slots, stall guard, push-driven body, release, metrics) is stream-session.ts's
 * job; the same specs serve a stream through Connect (../connect/connect-stream.ts) or directly (../direct/).
 */
import { Code, ConnectError, type ConnectRouter, type ServiceImpl } from "@connectrpc/connect";
import type { MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import {
  PriceService,
  type StreamPriceRequestSchema,
  type StreamPriceResponseSchema,
  type WatchRequestSchema,
  type WatchResponseSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import type { HubEvent } from "../../hub/events.js";
import type { Hub } from "../../hub/hub.js";
import type { Logger } from "../../log.js";
import { parseSymbol, type SymbolRef } from "../../symbols/symbol.js";
import { finalStateError, RequestLimitError, withErrors } from "../errors.js";
import { createEncodeBudget, type EncodeBudget } from "../engine/encode-budget.js";
import { createFrameCache, type FrameCache } from "../engine/frame-cache.js";
import { wireSettings } from "../engine/wire-settings.js";
import { createHeartbeatSchedule, type HeartbeatSchedule } from "../engine/heartbeat-schedule.js";
import { WatchAlerts } from "../../alerts/index.js";
import { sharedEventOf } from "../engine/stream-messages.js";
import { StallGuard } from "../engine/stall-guard.js";
import { serveThroughConnect } from "../connect/connect-stream.js";
import { streamMethod, type StreamMethod } from "../engine/stream-method.js";
import { createStreamSessions, type StreamSessions, type StreamSpec } from "../engine/stream-session.js";
import { ClientStreamLimits } from "../engine/stream-limits.js";
import { ClientQuotas } from "../engine/client-quotas.js";
import { WatchRegistry } from "./watch-registry.js";
import { alertTap, removeAlert, setAlert } from "./watch-alerts-wiring.js";
import { createWriteBatch } from "../engine/write-batch.js";

/** PriceServiceOptions configure the handlers; the caller owns the hub and closes it. */
export interface PriceServiceOptions {
  hub: Hub;
  logger: Logger;
  defaultExchange: string;
  heartbeatIntervalMs: number;
  maxSymbolsPerWatch: number;
  /** maxAlertsPerWatch caps the alerts one watch holds at once. */
  maxAlertsPerWatch: number;
  /** maxSymbolsPerClient caps the different symbols one client holds across its streams. */
  maxSymbolsPerClient: number;
  /** pageOpensPerMinutePerClient and pageOpensPerMinute cap new pages (symbols nobody holds) a minute, per client and overall. */
  pageOpensPerMinutePerClient: number;
  pageOpensPerMinute: number;
  /** maxStreamsPerClient caps the open streams of one client address. */
  maxStreamsPerClient: number;
  /** stallTimeoutMs: a client whose writes stay blocked this long is cut off. */
  stallTimeoutMs: number;
  /** limits counts streams per client; shared with the other streaming services. One is made when absent. */
  limits?: ClientStreamLimits;
  /** watches is shared with whoever reports metrics; one is made when absent. */
  watches?: WatchRegistry;
  /** frames encodes stream items once for all streams; one is made when absent (tests pass their own to count). */
  frames?: FrameCache;
  /** budget bounds a turn's encoding; it must be the one `frames` spends. One is made when absent. */
  budget?: EncodeBudget;
  /** stalls and heartbeats are made when absent; tests pass their own to see that streams leave them. */
  stalls?: StallGuard;
  heartbeats?: HeartbeatSchedule;
  /** quoteSent hears of every quote written to a client (for metrics); must be cheap. */
  quoteSent?: (observedAt: Date) => void;
}

type StreamPriceInit = MessageInitShape<typeof StreamPriceResponseSchema>;
type WatchInit = MessageInitShape<typeof WatchResponseSchema>;

/** PriceStreams is PriceService served both ways over one set of sessions. */
export interface PriceStreams {
  /** routes registers PriceService on a Connect router. */
  routes(router: ConnectRouter): void;
  /** sessions run every PriceService stream, whichever path serves it. */
  sessions: StreamSessions;
  /** methods are the server-streaming methods, for the direct path. */
  methods: readonly StreamMethod[];
}

/** refuseFinalState ends a StreamPrice stream when its symbol's feed ends for good; one function for every stream. */
const refuseFinalState = (event: HubEvent) => (event.kind === "state" ? finalStateError(event) : undefined);

/** uniqueRefs keys `refs` by id, the first of repeats kept: one pass, whatever the list's length. */
function uniqueRefs(refs: readonly SymbolRef[]): Map<string, SymbolRef> {
  const unique = new Map<string, SymbolRef>();
  for (const ref of refs) if (!unique.has(ref.id)) unique.set(ref.id, ref);
  return unique;
}

/** createPriceStreams builds PriceService's specs, its Connect handlers and its stream methods. */
export function createPriceStreams(options: PriceServiceOptions): PriceStreams {
  const { hub, logger, maxSymbolsPerWatch } = options;
  const watches = options.watches ?? new WatchRegistry();
  const budget = options.budget ?? createEncodeBudget();
  const sessions = createStreamSessions({
    hub,
    logger,
    limits: options.limits ?? new ClientStreamLimits(options.maxStreamsPerClient),
    quotas: new ClientQuotas({
      maxSymbolsPerClient: options.maxSymbolsPerClient,
      pageOpensPerMinutePerClient: options.pageOpensPerMinutePerClient,
      pageOpensPerMinute: options.pageOpensPerMinute,
      opensPage: (id) => hub.opensPage(id),
    }),
    stalls: options.stalls ?? new StallGuard(options.stallTimeoutMs, logger),
    frames: options.frames ?? createFrameCache(wireSettings, budget),
    budget,
    heartbeats: options.heartbeats ?? createHeartbeatSchedule(options.heartbeatIntervalMs),
    batch: createWriteBatch(),
    quoteSent: options.quoteSent,
  });
  const parse = (inputs: readonly string[]): SymbolRef[] =>
    inputs.map((input) => parseSymbol(input, options.defaultExchange));
  const checkWatchSize = (count: number) => {
    if (count > maxSymbolsPerWatch) {
      throw new RequestLimitError(
        `a watch holds at most ${maxSymbolsPerWatch} symbols; this one would hold ${count}`,
        "MAX_SYMBOLS_PER_WATCH",
      );
    }
  };

  const checkListSize = (list: "add" | "remove", count: number) => {
    if (count > maxSymbolsPerWatch) {
      throw new RequestLimitError(
        `UpdateWatch's ${list} may name at most ${maxSymbolsPerWatch} different symbols, as many as a watch holds`,
        "MAX_SYMBOLS_PER_WATCH",
      );
    }
  };

  const streamPrice = async (request: MessageShape<typeof StreamPriceRequestSchema>): Promise<StreamSpec<StreamPriceInit>> => {
    const ref = await withErrors(logger, () => parse([request.symbol])[0]!);
    return {
      method: PriceService.method.streamPrice,
      label: { rpc: "StreamPrice", symbol: ref.id },
      setup: (subscriber) => subscriber.add([ref]),
      // The hub hands a new subscriber the symbol's state first: that is the first message.
      first: (_subscriber, pending) => {
        const head = pending.shift()!;
        // A StreamPrice subscriber has no quote tap, so nothing it holds is an alert.
        if (head.kind === "alert") throw new Error("a StreamPrice subscriber got an alert");
        return { event: sharedEventOf(head) };
      },
      refuse: refuseFinalState,
    };
  };
  const watch = async (request: MessageShape<typeof WatchRequestSchema>): Promise<StreamSpec<WatchInit>> => {
    const refs = await withErrors(logger, () => {
      const parsed = parse(request.symbols);
      checkWatchSize(new Set(parsed.map((ref) => ref.id)).size);
      return parsed;
    });
    let watchId = "";
    const alerts = new WatchAlerts(options.maxAlertsPerWatch);
    return {
      method: PriceService.method.watch,
      label: { rpc: "Watch" },
      setup: (subscriber) => {
        subscriber.tap(alertTap(alerts));
        subscriber.add(refs);
      },
      first: (subscriber) => {
        watchId = watches.register({ subscriber, alerts });
        return { event: { case: "started", value: { watchId, symbols: subscriber.symbols(), defaultExchange: options.defaultExchange } } };
      },
      onRelease: () => watches.unregister(watchId),
    };
  };
  const alertOptions = { watches, defaultExchange: options.defaultExchange, logger };
  const service: ServiceImpl<typeof PriceService> = {
    async *streamPrice(request, context) {
      yield* serveThroughConnect(sessions, await streamPrice(request), context);
    },
    async *watch(request, context) {
      yield* serveThroughConnect(sessions, await watch(request), context);
    },
    async updateWatch(request) {
      return withErrors(logger, () => {
        if (request.watchId === "") {
          throw new ConnectError("watch_id is empty: pass the id from the Watch stream's first message", Code.InvalidArgument);
        }
        // Repeats count once; past that, neither list may name more than a watch can hold.
        const add = uniqueRefs(parse(request.add));
        const remove = uniqueRefs(parse(request.remove));
        checkListSize("add", add.size);
        checkListSize("remove", remove.size);
        const { subscriber, alerts } = watches.get(request.watchId);
        const after = new Set(subscriber.symbols());
        for (const id of add.keys()) after.add(id);
        for (const id of remove.keys()) after.delete(id);
        checkWatchSize(after.size);
        // Add first: it is the step that can fail, and then nothing has changed.
        subscriber.add([...add.values()].filter((ref) => !remove.has(ref.id)));
        subscriber.remove([...remove.values()]);
        // A symbol's alerts go with it.
        for (const id of remove.keys()) alerts.forget(id);
        const symbols = subscriber.symbols();
        logger.info("watch.updated", { added: add.size, removed: remove.size, symbols: symbols.length });
        return { symbols };
      });
    },
    setAlert: (request) => withErrors(logger, () => setAlert(request, alertOptions)),
    removeAlert: (request) => withErrors(logger, () => removeAlert(request, alertOptions)),
  };
  return {
    routes: (router) => router.service(PriceService, service),
    sessions,
    methods: [streamMethod(PriceService.method.streamPrice, streamPrice), streamMethod(PriceService.method.watch, watch)],
  };
}
