/**
 * What createApp (create-app.ts) takes and returns: the app's parts, who may call, and what
 * StatusService reports.
 */
import type { RequestListener } from "node:http";
import type express from "express";
import type { Activity } from "../activity/index.js";
import type { ClusterProbe } from "../cluster/index.js";
import type { Hub } from "../hub/hub.js";
import type { PriceSource } from "../hub/price-source.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Http2StreamListener } from "../rpc/transport/offer-streams-first.js";
import type { Http2Listener } from "../rpc/transport/transport-server.js";
import type { DirectHandler } from "../rpc/direct/direct-handler.js";
import type { PriceServiceOptions } from "../rpc/services/price-service.js";
import type { BrowserView } from "../rpc/services/status-messages.js";
import type { ServerFacts } from "../rpc/services/status-service.js";
import type { WatchRegistry } from "../rpc/services/watch-registry.js";

/** The stream settings createApp passes through to PriceService. */
export type StreamOptions = Pick<
  PriceServiceOptions,
  | "defaultExchange"
  | "heartbeatIntervalMs"
  | "maxSymbolsPerWatch"
  | "maxAlertsPerWatch"
  | "maxSymbolsPerClient"
  | "pageOpensPerMinutePerClient"
  | "pageOpensPerMinute"
  | "maxStreamsPerClient"
  | "stallTimeoutMs"
>;

/** Who may call: see rpc/access.ts. */
export interface AccessOptions {
  /** apiToken, when set, is required as `Authorization: Bearer …` on every RPC. */
  apiToken?: string;
  /** allowedHosts are the names, besides loopback names and IP literals, this server answers to (see hostAllowed). */
  allowedHosts: readonly string[];
  /** trustedProxy names clients by the last X-Forwarded-For address (TRUSTED_PROXY): only behind a proxy that sets it. */
  trustedProxy: boolean;
  /** allowedOrigins may call from browsers besides the server's own origin. */
  allowedOrigins: readonly string[];
  /** metricsPublic serves /metrics, /status/cluster and StatusService without the token even when one is set. */
  metricsPublic: boolean;
  /** reflection serves gRPC server reflection (behind the token like the rest), so tools need no .proto files. */
  reflection: boolean;
}

/** What StatusService reports besides the hub and the streams. */
export interface StatusOptions {
  /** activity was made before the hub and hears it (HubOptions.observer); StatusService reads it. */
  activity: Activity;
  server: ServerFacts;
  /** browser reports the local browser (the scraper's `status`); absent for a test fake. */
  browser?: () => BrowserView;
}

/** The parts createApp wires together; it owns none of them (the caller closes hub and source). */
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

/** What createApp returns: the app, not yet listening, and the open Watch streams it serves. */
export interface App {
  /** listener is what a server should listen with: the direct stream path first, then Express. */
  listener: RequestListener;
  /** http2Stream is offered each raw HTTP/2 stream first: the direct stream path (TransportOptions.http2Stream). */
  http2Stream: Http2StreamListener;
  /** http2 serves the HTTP/2 requests http2Stream leaves: the same API through Connect, nothing else. */
  http2: Http2Listener;
  watches: WatchRegistry;
  /** direct is the direct stream path, for its counts. */
  direct: Pick<DirectHandler, "open" | "taken">;
}
