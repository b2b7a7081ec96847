/**
 * Builds the Express app: the ConnectRPC API, health and readiness probes, metrics and the
 * cluster's status, the web grid and, in demo mode, the TradingView look-alike, behind a request
 * listener that first offers each request to the direct stream path, and for HTTP/2 the same:
 * raw streams to the direct path first, then a listener for the rest of the API. It never listens: main.ts (or a test) does, through rpc/transport/. The parts live in server/; this file fixes their order.
 */
import type { RequestListener } from "node:http";
import express from "express";
import { hostPolicy, hostRule, originPolicy } from "../rpc/access.js";
import type { Http2StreamListener } from "../rpc/transport/offer-streams-first.js";
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
  // On HTTP/2 the direct path sees each raw stream first; a name the server does not answer to
  // goes on to `http2`, where refuseHost answers it as on HTTP/1.1.
  const answersTo = hostRule(options.access.allowedHosts);
  const http2Stream: Http2StreamListener = (stream, headers) =>
    answersTo(headers[":authority"] ?? headers.host) && api.direct.handleHttp2(stream, headers);
  return { listener, http2, http2Stream, watches, direct: api.direct };
}
