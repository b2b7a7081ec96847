/**
 * The ConnectRPC API: PriceService and StatusService behind one Connect middleware, with the
 * activity interceptor, the token rule, and every stream ended as UNAVAILABLE on shutdown; and
 * PriceService's streams also served directly on node:http (rpc/direct/) over the same sessions,
 * limits and rules, for every request that path can take.
 */
import { setMaxListeners } from "node:events";
import { Code, ConnectError } from "@connectrpc/connect";
import { expressConnectMiddleware } from "@connectrpc/connect-express";
import { compressionBrotli, compressionGzip } from "@connectrpc/connect-node";
import type express from "express";
import { cachedClusterReport, ownerOf } from "../cluster/index.js";
import { requireToken } from "../rpc/access.js";
import { createDirectHandler, type DirectHandler } from "../rpc/direct/direct-handler.js";
import { READ_MAX_BYTES } from "../rpc/direct/read-request.js";
import { activityInterceptor } from "../rpc/connect/activity-interceptor.js";
import { createCatalogRoutes } from "../rpc/catalog/catalog-service.js";
import { createHealthRoutes, HEALTH_SERVICE } from "../rpc/health/health-service.js";
import { READINESS_POLL_MS, ReadinessWatch } from "../rpc/health/readiness-watch.js";
import { clientContext } from "../rpc/connect/client-context.js";
import { clampDeadlineHeaders } from "../rpc/deadline.js";
import { SHUTDOWN_MESSAGE } from "../rpc/errors.js";
import { COMPRESS_MIN_BYTES } from "../rpc/engine/frame-cache.js";
import { createPriceStreams } from "../rpc/services/price-service.js";
import { createStatusRoutes, STATUS_SERVICE } from "../rpc/services/status-service.js";
import { ClientStreamLimits } from "../rpc/engine/stream-limits.js";
import type { WatchRegistry } from "../rpc/services/watch-registry.js";
import type { AppOptions } from "./app-options.js";
import { readReadiness } from "./readiness.js";

/** Both paths accept and offer these, as connect-express does by default. */
const COMPRESSIONS = [compressionGzip, compressionBrotli];

/** What the API needs: the app's parts and the registry of open Watch streams it fills. */
export type ApiOptions = Pick<
  AppOptions,
  "hub" | "source" | "cluster" | "logger" | "shutdown" | "streams" | "access" | "status" | "metrics"
> & { watches: WatchRegistry };

/** Api is the API's two ways in: the direct stream path, to run first, and the Connect middleware. */
export interface Api {
  direct: DirectHandler;
  middleware: express.Handler;
}

/**
 * createApi builds the Connect middleware serving both services and the direct path serving
 * PriceService's streams. When `shutdown` aborts (or already has), every open stream of either
 * ends with UNAVAILABLE; neither holds anything else to close.
 */
export function createApi(options: ApiOptions): Api {
  const { hub, cluster, logger, shutdown, access, metrics, watches } = options;
  // One count for all of a client's streams, prices and activity alike.
  const limits = new ClientStreamLimits(options.streams.maxStreamsPerClient);
  // Connect ends handler streams with the abort reason: make it the UNAVAILABLE clients expect.
  const rpcShutdown = new AbortController();
  // Connect links every handler's signal to this one: one listener per open stream, by design.
  setMaxListeners(0, rpcShutdown.signal);
  const endStreams = () => rpcShutdown.abort(new ConnectError(SHUTDOWN_MESSAGE, Code.Unavailable));
  if (shutdown.aborted) endStreams();
  else shutdown.addEventListener("abort", endStreams, { once: true });

  const prices = createPriceStreams({
    ...options.streams,
    hub,
    logger,
    watches,
    limits,
    quoteSent: metrics ? (observedAt) => metrics.quoteSent(observedAt) : undefined,
  });
  // GetStatus may be polled by many readers: the cluster's owners (a SCAN in Redis) are read at most once a second.
  const readOwners = cluster && cachedClusterReport(cluster);
  const statusRoutes = createStatusRoutes({
    ...options.streams,
    ...options.status,
    hub,
    logger,
    watches,
    limits,
    shuttingDown: () => shutdown.aborted,
    owners: readOwners && (async () => {
      const report = await readOwners();
      if (!report.ok) logger.warn("cluster.status_unavailable", { error: report.cause });
      return report.ok ? (ref) => ownerOf(report.body.owners, ref) : undefined;
    }),
  });
  // Health is open like /healthz: probes carry no token.
  const openServices = [HEALTH_SERVICE, ...(access.metricsPublic ? [STATUS_SERVICE] : [])];
  const readiness = new ReadinessWatch(() => readReadiness(options).ready, READINESS_POLL_MS, shutdown);
  const connectMiddleware = expressConnectMiddleware({
    routes: (router) => {
      prices.routes(router);
      statusRoutes(router);
      createCatalogRoutes({ defaultExchange: options.streams.defaultExchange })(router);
      createHealthRoutes({ readiness, limits, logger })(router);
    },
    // The activity interceptor goes first, so that it sees the token check's refusals.
    interceptors: [
      activityInterceptor(options.status.activity),
      ...(access.apiToken ? [requireToken(access.apiToken, openServices)] : []),
    ],
    contextValues: clientContext(access.trustedProxy),
    shutdownSignal: rpcShutdown.signal,
    readMaxBytes: READ_MAX_BYTES,
    acceptCompression: COMPRESSIONS,
    // Streams frame their messages themselves after the first: both must compress alike.
    compressMinBytes: COMPRESS_MIN_BYTES,
  });
  // Connect reads the deadline header itself: clamp it first (the direct path clamps its own parse).
  const middleware: express.Handler = (req, res, next) => {
    clampDeadlineHeaders(req.headers);
    connectMiddleware(req, res, next);
  };
  const direct = createDirectHandler({
    methods: prices.methods,
    sessions: prices.sessions,
    logger,
    shutdown,
    activity: options.status.activity,
    token: access.apiToken ? { token: access.apiToken, open: openServices } : undefined,
    compressions: COMPRESSIONS,
    readMaxBytes: READ_MAX_BYTES,
    trustedProxy: access.trustedProxy,
  });
  return { direct, middleware };
}
