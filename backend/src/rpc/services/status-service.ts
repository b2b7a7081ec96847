/**
 * StatusService handlers: GetStatus (a snapshot of this instance, also served for a Connect GET)
 * and StreamActivity (the activity log's ring, then live events). An activity stream takes a slot
 * of its client's stream cap like any other stream, and ends UNAVAILABLE on a planned shutdown.
 */
import type { ConnectRouter, ServiceImpl } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { StatusService, type StreamActivityResponseSchema } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import type { Activity } from "../../activity/index.js";
import type { Hub } from "../../hub/hub.js";
import type { Logger } from "../../log.js";
import { parseSymbol, type SymbolRef } from "../../symbols/symbol.js";
import { clientKey, socketKey } from "../connect/client-context.js";
import { withErrors } from "../errors.js";
import { releaseOnAbort, throwIfShuttingDown } from "../connect/stream-end.js";
import { heartbeatMessage } from "../engine/stream-messages.js";
import { StallGuard } from "../engine/stall-guard.js";
import { activityMessage, browserMessage, serverMode, watchedSymbolMessage, type BrowserView } from "./status-messages.js";
import type { ClientStreamLimits } from "../engine/stream-limits.js";
import type { WatchRegistry } from "./watch-registry.js";

/** STATUS_SERVICE names the service, for access rules that treat it apart (METRICS_PUBLIC). */
export const STATUS_SERVICE = StatusService.typeName;

/** ServerFacts are fixed for the life of the process. */
export interface ServerFacts {
  readonly version: string;
  readonly instanceId: string;
  readonly startedAt: Date;
  /** demo is true when prices come from the built-in look-alike. */
  readonly demo: boolean;
}

/** StatusServiceOptions: the parts a status report reads. Nothing here is closed by the service. */
export interface StatusServiceOptions {
  hub: Hub;
  activity: Activity;
  /** limits is the PriceService's own, so that every stream of a client counts toward one cap. */
  limits: ClientStreamLimits;
  watches: WatchRegistry;
  logger: Logger;
  server: ServerFacts;
  defaultExchange: string;
  heartbeatIntervalMs: number;
  /** stallTimeoutMs: an activity reader whose one write waits this long is cut off. */
  stallTimeoutMs: number;
  shuttingDown: () => boolean;
  /** browser reports the local browser; absent when prices come from elsewhere (a test fake). */
  browser?: () => BrowserView;
  /** owners, in a cluster, reads who owns what: a lookup of a symbol's owner instance ("" for none), or undefined when it cannot say. Never rejects. */
  owners?: () => Promise<((ref: SymbolRef) => string) | undefined>;
}

type ActivityInit = MessageInitShape<typeof StreamActivityResponseSchema>;

function createStatusService(options: StatusServiceOptions): ServiceImpl<typeof StatusService> {
  const { hub, activity, limits, logger } = options;
  const stalls = new StallGuard(options.stallTimeoutMs, logger);
  return {
    async getStatus() {
      const symbols = hub.symbols();
      const owners = symbols.length > 0 ? await options.owners?.() : undefined;
      const { server } = options;
      return {
        server: {
          version: server.version,
          instanceId: server.instanceId,
          startedAt: timestampFromDate(server.startedAt),
          mode: serverMode(server.demo),
          openStreams: limits.openStreams(),
          watches: options.watches.size,
          clients: limits.clients(),
          shuttingDown: options.shuttingDown(),
        },
        browser: options.browser && browserMessage(options.browser()),
        symbols: symbols.map((stats) => watchedSymbolMessage(stats, activity.board.get(stats.symbol), owners?.(stats.ref) ?? "")),
        generatedAt: timestampFromDate(new Date()),
      };
    },

    async *streamActivity(request, context): AsyncGenerator<ActivityInit> {
      const symbol = await withErrors(logger, () => filterSymbol(request.symbol, options.defaultExchange));
      const release = await withErrors(logger, () => limits.acquire(context.values.get(clientKey)));
      const writes = stalls.guard(context.values.get(socketKey), "StreamActivity");
      const done = releaseOnAbort(context, () => {
        writes.done();
        release();
      });
      try {
        const reader = activity.log.reader(symbol);
        while (!context.signal.aborted) {
          const batch = await reader.next(context.signal, options.heartbeatIntervalMs);
          if (context.signal.aborted) break;
          if (batch.length === 0) yield { event: { case: "heartbeat", value: heartbeatMessage() } };
          for (const event of batch) {
            writes.writing();
            yield { event: { case: "activity", value: activityMessage(event) } };
            writes.wrote();
          }
        }
        throwIfShuttingDown(context);
      } finally {
        done();
      }
    },
  };
}

/** filterSymbol: "" keeps every event; anything else must be a symbol. @throws InvalidSymbolError */
function filterSymbol(input: string, defaultExchange: string): string | undefined {
  if (input.trim() === "") return undefined;
  return parseSymbol(input, defaultExchange).id;
}

/** createStatusRoutes registers StatusService on a Connect router. */
export function createStatusRoutes(options: StatusServiceOptions): (router: ConnectRouter) => void {
  const service = createStatusService(options);
  return (router) => {
    router.service(StatusService, service);
  };
}
