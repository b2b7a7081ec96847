/**
 * Starts the real Express app on 127.0.0.1, port 0, over any PriceSource, behind the real port
 * (HTTP/1.1 and HTTP/2 with prior knowledge), with a connect-node client for it. For tests of the
 * RPC layer over real HTTP.
 */
import type { AddressInfo } from "node:net";
import { createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { createActivity, type Activity } from "@crypto-stream/backend/activity";
import { configDefaults } from "@crypto-stream/backend/config";
import { composeObservers, createHub, type Hub, type HistoryLimits, type PriceSource } from "@crypto-stream/backend/hub";
import { silentLogger, type Logger } from "@crypto-stream/backend/log";
import type { Metrics } from "@crypto-stream/backend/metrics";
import { createApp, createTransport, type App, type BrowserView, type ClusterProbe, type TransportLimits, type TransportServer, type WatchRegistry } from "@crypto-stream/backend/server";
import { createSimRouter, createSimUpgrade, type SimMarket } from "@crypto-stream/backend/sim";

/** TestServer is the app listening on loopback; whoever starts it must `close()` it. */
export interface TestServer {
  baseUrl: string;
  client: Client<typeof PriceService>;
  /** status is a StatusService client on the same transport (no token: pass headers per call). */
  status: Client<typeof StatusService>;
  hub: Hub;
  /** activity is the server's activity log and symbol board. */
  activity: Activity;
  watches: WatchRegistry;
  /** direct counts what the direct path (not Connect) serves: streams open now, requests taken so far. */
  direct: App["direct"];
  /** port is the listening transport, for its connection count. */
  port: Pick<TransportServer, "connections">;
  /** shutdown starts a planned shutdown: readiness goes 503 and streams end UNAVAILABLE. */
  shutdown(): void;
  /** close ends streams, the hub and the HTTP server (not the source: the test owns it). */
  close(): Promise<void>;
}

/** TestServerOptions: limits default to generous values so that a test sets only what it tests. */
export interface TestServerOptions {
  source: PriceSource;
  maxSymbols?: number;
  maxSymbolsPerWatch?: number;
  maxAlertsPerWatch?: number;
  /** maxSymbolsPerClient and the page-open rates (client-quotas.ts) default to values no test reaches unless it sets them. */
  maxSymbolsPerClient?: number;
  pageOpensPerMinutePerClient?: number;
  pageOpensPerMinute?: number;
  heartbeatIntervalMs?: number;
  maxStreamsPerClient?: number;
  stallTimeoutMs?: number;
  apiToken?: string;
  /** metricsPublic opens /metrics and StatusService without the token (METRICS_PUBLIC). */
  metricsPublic?: boolean;
  /** reflection serves gRPC server reflection (REFLECTION); default true, as configured. */
  reflection?: boolean;
  allowedOrigins?: string[];
  /** allowedHosts are the names besides loopback and IP literals the server answers to (ALLOWED_HOSTS). */
  allowedHosts?: string[];
  /** trustedProxy names clients by X-Forwarded-For (TRUSTED_PROXY). */
  trustedProxy?: boolean;
  metrics?: Metrics;
  logger?: Logger;
  /** browser is what GetStatus reports of the browser; unset for a fake source. */
  browser?: () => BrowserView;
  /** sim serves the TradingView look-alike at /sim, live sockets included. */
  sim?: SimMarket;
  /** history bounds each symbol's recent quotes; default the configured defaults. */
  history?: HistoryLimits;
  /** cluster stands in for the cluster source in what the operator's endpoints and GetStatus read. */
  cluster?: ClusterProbe;
  /** connections bounds the port (caps, request timeout); default the configured defaults. */
  connections?: Partial<TransportLimits>;
}

/** startTestServer builds the app over `options.source` and resolves once it listens on a free port. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const logger = options.logger ?? silentLogger;
  const shutdown = new AbortController();
  const metrics = options.metrics;
  const activity = createActivity();
  const hub = createHub({
    source: options.source,
    maxSymbols: options.maxSymbols ?? configDefaults.maxSymbols,
    logger,
    observer: composeObservers(metrics?.hubObserver(), activity.hubObserver),
    history: options.history ?? { maxPoints: configDefaults.historyMaxPoints, windowMs: configDefaults.historyWindowMs },
  });
  const { listener, http2, http2Stream, watches, direct } = createApp({
    hub,
    source: options.source,
    cluster: options.cluster,
    logger,
    shutdown: shutdown.signal,
    streams: {
      defaultExchange: configDefaults.defaultExchange,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? configDefaults.heartbeatIntervalMs,
      maxSymbolsPerWatch: options.maxSymbolsPerWatch ?? configDefaults.maxSymbolsPerWatch,
      maxAlertsPerWatch: options.maxAlertsPerWatch ?? configDefaults.maxAlertsPerWatch,
      maxSymbolsPerClient: options.maxSymbolsPerClient ?? 1_000,
      pageOpensPerMinutePerClient: options.pageOpensPerMinutePerClient ?? 100_000,
      pageOpensPerMinute: options.pageOpensPerMinute ?? 100_000,
      maxStreamsPerClient: options.maxStreamsPerClient ?? 1_000,
      stallTimeoutMs: options.stallTimeoutMs ?? configDefaults.stallTimeoutMs,
    },
    access: {
      apiToken: options.apiToken,
      allowedOrigins: options.allowedOrigins ?? [],
      allowedHosts: options.allowedHosts ?? [],
      trustedProxy: options.trustedProxy ?? false,
      metricsPublic: options.metricsPublic ?? false,
      reflection: options.reflection ?? true,
    },
    metrics: options.metrics,
    sim: options.sim ? createSimRouter(options.sim) : undefined,
    status: { activity, server: { version: "test", instanceId: "test-instance", startedAt: new Date(), demo: true }, browser: options.browser },
  });
  const simUpgrade = options.sim ? createSimUpgrade(options.sim, "/sim") : undefined;
  const port = createTransport({
    http1: listener,
    http2,
    http2Stream,
    upgrade: (req, socket, head) => {
      if (!simUpgrade?.handle(req, socket, head)) socket.destroy();
    },
    limits: {
      maxConnectionsPerClient: configDefaults.maxConnectionsPerClient * 10,
      maxConnections: configDefaults.maxConnections,
      requestTimeoutMs: configDefaults.requestTimeoutMs,
      ...options.connections,
    },
    logger,
  });
  const server = port.server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: portNumber } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${portNumber}`;
  const transport = createConnectTransport({ baseUrl, httpVersion: "1.1" });
  return {
    baseUrl,
    client: createClient(PriceService, transport),
    status: createClient(StatusService, transport),
    hub,
    activity,
    watches,
    direct,
    port,
    shutdown: () => shutdown.abort(),
    close: async () => {
      shutdown.abort();
      await hub.close();
      activity.close();
      simUpgrade?.close();
      await port.close(0);
    },
  };
}
