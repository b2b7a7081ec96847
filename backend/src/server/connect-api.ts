/**
 * The ConnectRPC API: PriceService and StatusService with the activity interceptor, the token rule,
 * and every stream ended as UNAVAILABLE on shutdown, built once and served two ways from the same
 * router options: on HTTP/1.1 through Express (connect-express), on HTTP/2 through connect-node's
 * adapter on node:http2. PriceService's streams are also served directly on both (rpc/direct/)
 * over the same sessions, limits and rules, for every request that path can take.
 */
import { setMaxListeners } from "node:events";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { expressConnectMiddleware } from "@connectrpc/connect-express";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type express from "express";
import { cachedClusterReport, ownerOf } from "../cluster/index.js";
import { originPolicy } from "../rpc/access.js";
import { createCallRules } from "../rpc/call-rules.js";
import { createDirectHandler, type DirectHandler } from "../rpc/direct/direct-handler.js";
import { createCatalogRoutes } from "../rpc/services/catalog-service.js";
import { createHealthRoutes, HEALTH_SERVICE } from "../rpc/health/health-service.js";
import { READINESS_POLL_MS, ReadinessWatch } from "../rpc/health/readiness-watch.js";
import { createReflectionRoutes } from "../rpc/reflection/reflection-service.js";
import { clientContext, rememberResponse } from "../rpc/connect/client-context.js";
import { clampDeadlineHeaders } from "../rpc/deadline.js";
import type { Http2Listener } from "../rpc/transport/transport-server.js";
import { SHUTDOWN_MESSAGE } from "../rpc/errors.js";
import { wireSettings } from "../rpc/engine/wire-settings.js";
import { createPriceStreams } from "../rpc/services/price-service.js";
import { createStatusRoutes, STATUS_SERVICE } from "../rpc/services/status-service.js";
import { ClientStreamLimits } from "../rpc/engine/stream-limits.js";
import type { WatchRegistry } from "../rpc/services/watch-registry.js";
import type { AppOptions } from "./app-options.js";
import { readReadiness } from "./readiness.js";

/** RFC 9113's HTTP_1_1_REQUIRED: the grid, probes and metrics are served over HTTP/1.1 only. */
const HTTP_1_1_REQUIRED = 0xd;

/** What the API needs: the app's parts and the registry of open Watch streams it fills. */
export type ApiOptions = Pick<
  AppOptions,
  "hub" | "source" | "cluster" | "logger" | "shutdown" | "streams" | "access" | "status" | "metrics"
> & { watches: WatchRegistry };

/**
 * Api is the API's ways in: the direct stream path, to run first on both HTTP versions; on
 * HTTP/1.1 the Connect middleware; on HTTP/2 one listener for what the direct path leaves
 * (origin rule, then Connect; any other path is answered HTTP_1_1_REQUIRED, which clients such
 * as curl and browsers retry over HTTP/1.1).
 */
export interface Api {
  direct: DirectHandler;
  middleware: express.Handler;
  http2: Http2Listener;
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
  // One list of call rules for every path: Connect on both HTTP versions, and the direct path.
  const rules = createCallRules({ token: access.apiToken, open: openServices, activity: options.status.activity });
  const connectOptions = {
    routes: (router: ConnectRouter) => {
      prices.routes(router);
      statusRoutes(router);
      createCatalogRoutes({ defaultExchange: options.streams.defaultExchange })(router);
      createHealthRoutes({ readiness, limits, logger })(router);
      if (access.reflection) createReflectionRoutes({ limits, logger })(router);
    },
    interceptors: rules.interceptors,
    contextValues: clientContext(access.trustedProxy),
    shutdownSignal: rpcShutdown.signal,
    readMaxBytes: wireSettings.readMaxBytes,
    acceptCompression: [...wireSettings.compressions],
    // Streams frame their messages themselves after the first: both must compress alike.
    compressMinBytes: wireSettings.compressMinBytes,
  };
  const connectMiddleware = expressConnectMiddleware(connectOptions);
  const serveHttp2 = connectNodeAdapter({
    ...connectOptions,
    fallback: (req, res) => {
      if (!("stream" in res)) return;
      const contentType = req.headers["content-type"] ?? "";
      // A gRPC client asking for a method we do not serve gets gRPC's UNIMPLEMENTED, not a reset it would read as UNAVAILABLE.
      if (contentType.startsWith("application/grpc")) {
        // Trailers-only: the status rides on the one HEADERS frame that ends the stream.
        res.stream.respond(
          { ":status": 200, "content-type": contentType, "grpc-status": String(Code.Unimplemented), "grpc-message": `no such method: ${encodeURIComponent((req.url ?? "").slice(0, 200))}` },
          { endStream: true },
        );
        return;
      }
      res.stream.close(HTTP_1_1_REQUIRED);
    },
  });
  // Connect reads the deadline header itself: clamp it first (the direct path clamps its own parse).
  const middleware: express.Handler = (req, res, next) => {
    clampDeadlineHeaders(req.headers);
    connectMiddleware(req, res, next);
  };
  const origins = originPolicy(access.allowedOrigins);
  const http2: Http2Listener = (req, res) => {
    clampDeadlineHeaders(req.headers);
    rememberResponse(req, res);
    origins(req, res, () => serveHttp2(req, res));
  };
  const direct = createDirectHandler({
    methods: prices.methods,
    sessions: prices.sessions,
    logger,
    shutdown,
    rules,
    compressions: wireSettings.compressions,
    readMaxBytes: wireSettings.readMaxBytes,
    trustedProxy: access.trustedProxy,
  });
  return { direct, middleware, http2 };
}
