/**
 * The look-alike's HTTP face: TradingView-style symbol pages plus the sim's own live stream,
 * assets and control endpoints. All paths are relative to where the router is mounted.
 */
import express, { type Router } from "express";
import { assetRoutes } from "./asset-routes.js";
import { controlRoutes } from "./control-routes.js";
import type { SimMarket } from "./sim-market.js";
import { symbolPageHandler } from "./symbol-page-route.js";

/**
 * createSimRouter serves, relative to its mount point:
 * - `GET /symbols/:ticker/?exchange=` the symbol page (200), TradingView's 404 page, or a plain 500;
 * (the page's live WebSocket, `/_live/:ticker`, is served by createSimUpgrade: routers see no upgrades);
 * - `/static/*` and `/analytics/collect` the page's side requests;
 * - `GET|POST /_control/:ticker` steering over HTTP (see control-routes.ts).
 * The market stays owned by the caller; closing it ends every live stream.
 */
export function createSimRouter(market: SimMarket): Router {
  const router = express.Router();
  router.get("/symbols/:ticker", symbolPageHandler(market));
  router.use("/_control", controlRoutes(market));
  router.use(assetRoutes(market));
  return router;
}
