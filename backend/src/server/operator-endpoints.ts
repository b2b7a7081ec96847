/**
 * The operator's endpoints: /healthz and /readyz (always open, for probes), /metrics and
 * /status/cluster (behind the API token unless METRICS_PUBLIC=true).
 */
import type express from "express";
import { clusterReport } from "../cluster/index.js";
import { bearerMatches } from "../rpc/access.js";
import type { WatchRegistry } from "../rpc/services/watch-registry.js";
import type { AccessOptions, AppOptions } from "./app-options.js";
import { readReadiness } from "./readiness.js";

/** What the operator's endpoints read: the app's parts and the app's open Watch streams. */
export type OperatorOptions = Pick<
  AppOptions,
  "hub" | "source" | "cluster" | "logger" | "shutdown" | "access" | "metrics" | "openPages"
> & { watches: WatchRegistry };

/**
 * mountOperatorEndpoints adds the operator's routes to `app` and points the metrics' gauges at the
 * app's parts. Mount it before the origin policy: probes and scrapers send no Origin to check.
 */
export function mountOperatorEndpoints(app: express.Express, options: OperatorOptions): void {
  const { hub, cluster, logger, shutdown, metrics, watches } = options;
  metrics?.track({
    subscribers: () => hub.stats().subscribers,
    openPages: options.openPages ?? (() => hub.stats().openFeeds),
    watches: () => watches.size,
  });
  if (cluster) metrics?.trackCluster(() => cluster.status());

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res) => {
    const { ready, reasons, browser, cluster: view } = readReadiness(options);
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "not ready",
      ...(ready ? {} : { reason: reasons.join("; ") }),
      browser: browser ? "up" : "down",
      ...(view ? { redis: view.redis } : {}),
      shuttingDown: shutdown.aborted,
      ...hub.stats(),
      watches: watches.size,
      // Status and counts only: which symbols are watched is /status/cluster's to say, behind the token.
      ...(view ? { cluster: { instanceId: view.instanceId, redis: view.redis, ownedSymbols: view.owned.length, watchedSymbols: view.watched.length } } : {}),
    });
  });
  const operatorOnly = operatorAccess(options.access);
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
}

/** operatorAccess guards the operator's endpoints like the API (the token), unless METRICS_PUBLIC=true. */
function operatorAccess(access: AccessOptions): express.RequestHandler {
  return (req, res, next) => {
    if (!access.apiToken || access.metricsPublic || bearerMatches(req.get("authorization"), access.apiToken)) return next();
    res.status(401).type("text/plain").send("send 'Authorization: Bearer <API_TOKEN>', or set METRICS_PUBLIC=true\n");
  };
}
