/**
 * Builds the Express app: the ConnectRPC API, health and readiness probes, metrics and the
 * cluster's status, the web grid and, in demo mode, the TradingView look-alike. It never listens:
 * main.ts (or a test) does.
 */
import { setMaxListeners } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Code, ConnectError } from "@connectrpc/connect";
import { expressConnectMiddleware } from "@connectrpc/connect-express";
import express from "express";
import type { Activity } from "./activity/index.js";
import { clusterReport, ownerOf, REDIS_DOWN_REASON, type ClusterProbe } from "./cluster/index.js";
import type { Hub } from "./hub/hub.js";
import type { PriceSource } from "./hub/price-source.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics/metrics.js";
import { bearerMatches, originPolicy, requireToken } from "./rpc/access.js";
import { activityInterceptor } from "./rpc/activity-interceptor.js";
import { clientContext } from "./rpc/client-context.js";
import { SHUTDOWN_MESSAGE } from "./rpc/errors.js";
import { COMPRESS_MIN_BYTES } from "./rpc/frame-cache.js";
import { createRoutes, type PriceServiceOptions } from "./rpc/price-service.js";
import type { BrowserView } from "./rpc/status-messages.js";
import { createStatusRoutes, STATUS_SERVICE, type ServerFacts } from "./rpc/status-service.js";
import { ClientStreamLimits } from "./rpc/stream-limits.js";
import { WatchRegistry } from "./rpc/watch-registry.js";

/** The largest request message accepted; a Watch of many long symbols fits easily. */
const READ_MAX_BYTES = 64 * 1024;

/** The stream settings createApp passes through to PriceService. */
export type StreamOptions = Pick<
  PriceServiceOptions,
  "defaultExchange" | "heartbeatIntervalMs" | "maxSymbolsPerWatch" | "maxStreamsPerClient" | "stallTimeoutMs"
>;

/** Who may call: see rpc/access.ts. */
export interface AccessOptions {
  /** apiToken, when set, is required as `Authorization: Bearer …` on every RPC. */
  apiToken?: string;
  /** allowedOrigins may call from browsers besides the server's own origin. */
  allowedOrigins: readonly string[];
  /** metricsPublic serves /metrics, /status/cluster and StatusService without the token even when one is set. */
  metricsPublic: boolean;
}

/** What StatusService reports besides the hub and the streams. */
export interface StatusOptions {
  /** activity was made before the hub and hears it (HubOptions.observer); StatusService reads it. */
  activity: Activity;
  server: ServerFacts;
  /** browser reports the local browser (the scraper's `status`); absent for a test fake. */
  browser?: () => BrowserView;
}

export interface AppOptions {
  hub: Hub;
  /** source is the local price source (the browser): `/readyz` reports its `ready()` as `browser`. */
  source: PriceSource;
  /** cluster, when REDIS_URL is set, adds Redis to readiness, serves /status/cluster and its gauges. */
  cluster?: ClusterProbe;
  logger: Logger;
  /** shutdown aborts when the process starts shutting down: not ready, every stream ends. */
  shutdown: AbortSignal;
  streams: StreamOptions;
  access: AccessOptions;
  status: StatusOptions;
  /** metrics are served at /metrics; its gauges are pointed at this app's parts. */
  metrics?: Metrics;
  /** openPages counts the browser pages open now, for metrics. */
  openPages?: () => number;
  /** staticDir holds the built web grid; skipped when it does not exist. */
  staticDir?: string;
  /** sim is the look-alike's router, mounted at /sim in demo mode. */
  sim?: express.Router;
}

export interface App {
  app: express.Express;
  watches: WatchRegistry;
}

/** createApp wires the routes. Closing the hub and source stays with the caller. */
export function createApp(options: AppOptions): App {
  const { logger, shutdown, access, metrics } = options;
  const watches = new WatchRegistry();
  // One count for all of a client's streams, prices and activity alike.
  const limits = new ClientStreamLimits(options.streams.maxStreamsPerClient);
  metrics?.track({
    subscribers: () => options.hub.stats().subscribers,
    openPages: options.openPages ?? (() => options.hub.stats().openFeeds),
    watches: () => watches.size,
  });
  const { cluster } = options;
  if (cluster) metrics?.trackCluster(() => cluster.status());
  // Connect ends handler streams with the abort reason: make it the UNAVAILABLE clients expect.
  const rpcShutdown = new AbortController();
  // Connect links every handler's signal to this one: one listener per open stream, by design.
  setMaxListeners(0, rpcShutdown.signal);
  const endStreams = () => rpcShutdown.abort(new ConnectError(SHUTDOWN_MESSAGE, Code.Unavailable));
  if (shutdown.aborted) endStreams();
  else shutdown.addEventListener("abort", endStreams, { once: true });

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Readiness reads this instance's own view only: a probe must answer at once, Redis or not.
  app.get("/readyz", (_req, res) => {
    const browser = options.source.ready();
    const view = cluster?.status();
    const redisUp = view === undefined || view.redis === "up";
    const reasons = [
      shutdown.aborted && "the server is shutting down",
      !browser && "the browser is not running (starting, or relaunching after a crash): see the scraper's log lines",
      !redisUp && REDIS_DOWN_REASON,
    ].filter((reason) => reason !== false);
    const ready = reasons.length === 0;
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "not ready",
      ...(ready ? {} : { reason: reasons.join("; ") }),
      browser: browser ? "up" : "down",
      ...(view ? { redis: view.redis } : {}),
      shuttingDown: shutdown.aborted,
      ...options.hub.stats(),
      watches: watches.size,
      ...(view ? { cluster: view } : {}),
    });
  });
  const operatorOnly = operatorAccess(access);
  if (metrics) {
    app.get("/metrics", operatorOnly, async (_req, res) => {
      res.type(metrics.contentType).send(await metrics.text());
    });
  }
  app.get("/status/cluster", operatorOnly, async (_req, res) => {
    if (!cluster) {
      res.status(404).json({ error: "not_clustered", message: "this instance runs alone: REDIS_URL is not set" });
      return;
    }
    const report = await clusterReport(cluster);
    if (!report.ok) logger.warn("cluster.status_unavailable", { error: report.cause });
    res.status(report.ok ? 200 : 503).json(report.body);
  });
  app.use(originPolicy(access.allowedOrigins));
  const priceRoutes = createRoutes({
    ...options.streams,
    hub: options.hub,
    logger,
    watches,
    limits,
    quoteSent: metrics ? (observedAt) => metrics.quoteSent(observedAt) : undefined,
  });
  const statusRoutes = createStatusRoutes({
    ...options.streams,
    ...options.status,
    hub: options.hub,
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
  const { activity } = options.status;
  app.use(
    expressConnectMiddleware({
      routes: (router) => {
        priceRoutes(router);
        statusRoutes(router);
      },
      // The activity interceptor goes first, so that it sees the token check's refusals.
      interceptors: [
        activityInterceptor(activity),
        ...(access.apiToken ? [requireToken(access.apiToken, access.metricsPublic ? [STATUS_SERVICE] : [])] : []),
      ],
      contextValues: clientContext,
      shutdownSignal: rpcShutdown.signal,
      readMaxBytes: READ_MAX_BYTES,
      // Streams frame their messages themselves after the first: both must compress alike.
      compressMinBytes: COMPRESS_MIN_BYTES,
    }),
  );
  if (options.sim) app.use("/sim", options.sim);
  if (options.staticDir && existsSync(join(options.staticDir, "index.html"))) {
    serveWebGrid(app, options.staticDir);
  } else {
    logger.warn("web.not_built", { staticDir: options.staticDir, hint: "run `npm run build` to build the web grid" });
  }
  return { app, watches };
}

/** operatorAccess guards the operator's endpoints like the API (the token), unless METRICS_PUBLIC=true. */
function operatorAccess(access: AccessOptions): express.RequestHandler {
  return (req, res, next) => {
    if (!access.apiToken || access.metricsPublic || bearerMatches(req.get("authorization"), access.apiToken)) return next();
    res.status(401).type("text/plain").send("send 'Authorization: Bearer <API_TOKEN>', or set METRICS_PUBLIC=true\n");
  };
}

function serveWebGrid(app: express.Express, dir: string): void {
  app.use(express.static(dir, { index: "index.html", maxAge: "1h", setHeaders: noCacheForHtml }));
  // Any other page path is the single-page app.
  app.use((req, res, next) => {
    if (req.method !== "GET" || !req.accepts("html")) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(join(dir, "index.html"));
  });
}

function noCacheForHtml(res: express.Response, path: string): void {
  if (path.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
