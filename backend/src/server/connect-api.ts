/**
 * The ConnectRPC API: PriceService and StatusService behind one Connect middleware, with the
 * activity interceptor, the token rule, and every stream ended as UNAVAILABLE on shutdown.
 */
import { setMaxListeners } from "node:events";
import { Code, ConnectError } from "@connectrpc/connect";
import { expressConnectMiddleware } from "@connectrpc/connect-express";
import type express from "express";
import { clusterReport, ownerOf } from "../cluster/index.js";
import { requireToken } from "../rpc/access.js";
import { activityInterceptor } from "../rpc/activity-interceptor.js";
import { clientContext } from "../rpc/client-context.js";
import { SHUTDOWN_MESSAGE } from "../rpc/errors.js";
import { COMPRESS_MIN_BYTES } from "../rpc/frame-cache.js";
import { createRoutes } from "../rpc/price-service.js";
import { createStatusRoutes, STATUS_SERVICE } from "../rpc/status-service.js";
import { ClientStreamLimits } from "../rpc/stream-limits.js";
import type { WatchRegistry } from "../rpc/watch-registry.js";
import type { AppOptions } from "./app-options.js";

/** The largest request message accepted; a Watch of many long symbols fits easily. */
const READ_MAX_BYTES = 64 * 1024;

/** What the API needs: the app's parts and the registry of open Watch streams it fills. */
export type ApiOptions = Pick<
  AppOptions,
  "hub" | "cluster" | "logger" | "shutdown" | "streams" | "access" | "status" | "metrics"
> & { watches: WatchRegistry };

/**
 * createApiMiddleware builds the Connect middleware serving both services. When `shutdown` aborts
 * (or already has), every open stream ends with UNAVAILABLE; the middleware holds nothing else
 * to close.
 */
export function createApiMiddleware(options: ApiOptions): express.Handler {
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

  const priceRoutes = createRoutes({
    ...options.streams,
    hub,
    logger,
    watches,
    limits,
    quoteSent: metrics ? (observedAt) => metrics.quoteSent(observedAt) : undefined,
  });
  const statusRoutes = createStatusRoutes({
    ...options.streams,
    ...options.status,
    hub,
    logger,
    watches,
    limits,
    shuttingDown: () => shutdown.aborted,
    owners: cluster && (async () => {
      const report = await clusterReport(cluster);
      if (!report.ok) logger.warn("cluster.status_unavailable", { error: report.cause });
      return report.ok ? (ref) => ownerOf(report.body.owners, ref) : undefined;
    }),
  });
  return expressConnectMiddleware({
    routes: (router) => {
      priceRoutes(router);
      statusRoutes(router);
    },
    // The activity interceptor goes first, so that it sees the token check's refusals.
    interceptors: [
      activityInterceptor(options.status.activity),
      ...(access.apiToken ? [requireToken(access.apiToken, access.metricsPublic ? [STATUS_SERVICE] : [])] : []),
    ],
    contextValues: clientContext,
    shutdownSignal: rpcShutdown.signal,
    readMaxBytes: READ_MAX_BYTES,
    // Streams frame their messages themselves after the first: both must compress alike.
    compressMinBytes: COMPRESS_MIN_BYTES,
  });
}
