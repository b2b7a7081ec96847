/**
 * The side requests a symbol page makes (logo, favicon, webfont, analytics), served and counted
 * so a test can see whether the scraper blocked them. Never cached, so each view asks again.
 */
import express, { type Router } from "express";
import type { AssetKind, SimMarket } from "./sim-market.js";

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">
<circle cx="24" cy="24" r="22" fill="#f7931a"/><text x="24" y="31" font-size="20" text-anchor="middle" fill="#fff">S</text>
</svg>
`;

/**
 * FONT_BYTES start like a WOFF2 file but hold no glyphs: the request is what matters here, and the
 * browser falls back to a system font when it cannot decode them.
 */
const FONT_BYTES = Buffer.concat([Buffer.from("wOF2", "latin1"), Buffer.alloc(44)]);

/** assetRoutes serves `/static/*` and `/analytics/collect`, counting each by AssetKind. */
export function assetRoutes(market: SimMarket): Router {
  const router = express.Router();
  const count = (kind: AssetKind): express.RequestHandler => (_req, res, next) => {
    market.recordAsset(kind);
    res.set("cache-control", "no-store");
    next();
  };
  router.get(["/static/logo.svg", "/static/favicon.svg"], count("image"), (_req, res) => {
    res.type("image/svg+xml").send(LOGO_SVG);
  });
  router.get("/static/fonts/sim-sans.woff2", count("font"), (_req, res) => {
    res.type("font/woff2").send(FONT_BYTES);
  });
  router.all("/analytics/collect", count("analytics"), (_req, res) => {
    res.status(204).end();
  });
  return router;
}
