/**
 * Builds the Express app: the ConnectRPC API, health and readiness probes, metrics and the
 * cluster's status, the web grid and, in demo mode, the TradingView look-alike, behind a request
 * listener that first offers each request to the direct stream path, and an HTTP/2 listener for
 * the same API. It never listens: main.ts (or a test) does, through rpc/transport/. The parts live in server/; this file fixes their order.
 */
import type { RequestListener } from "node:http";
import express from "express";
import { hostPolicy, originPolicy } from "../rpc/access.js";
import type { Http2Listener } from "../rpc/transport/transport-server.js";
import { WatchRegistry } from "../rpc/services/watch-registry.js";
import type { App, AppOptions } from "./app-options.js";
import { createApi } from "./connect-api.js";
import { mountOperatorEndpoints } from "./operator-endpoints.js";
import { mountWebGrid } from "./web-grid.js";

/** createApp wires the routes. Closing the hub and source stays with the caller. */
export function createApp(options: AppOptions): App {
  const watches = new WatchRegistry();
  const app = express();
  app.disable("x-powered-by");
  mountOperatorEndpoints(app, { ...options, watches });
  // Everything mounted after this refuses browsers from a foreign origin (not ours, not in ALLOWED_ORIGINS).
  app.use(originPolicy(options.access.allowedOrigins));
  const api = createApi({ ...options, watches });
  app.use(api.middleware);
  if (options.sim) app.use("/sim", options.sim);
  mountWebGrid(app, options.staticDir, options.logger);
  const refuseHost = hostPolicy(options.access.allowedHosts);
  // The Host rule comes first, for every route and both serving paths. Streams the direct path
  // takes never reach Express: that is what keeps them small at rest.
  const listener: RequestListener = (req, res) => {
    if (refuseHost(req, res)) return;
    if (!api.direct.handle(req, res)) app(req, res);
  };
  const http2: Http2Listener = (req, res) => {
    if (!refuseHost(req, res)) api.http2(req, res);
  };
  return { listener, http2, watches, direct: api.direct };
}
