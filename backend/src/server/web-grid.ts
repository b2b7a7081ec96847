/** The built web grid: its static files, and index.html for any other page path (a single-page app). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import express from "express";
import helmet from "helmet";
import type { Logger } from "../log.js";

/**
 * gridHeaders are the grid's security headers (helmet): a Content-Security-Policy fit for the
 * built grid (its scripts and styles are files of its own origin, no inline script; it calls the
 * API on its own origin), `frame-ancestors 'none'` (no page may frame it), `nosniff` and
 * `Referrer-Policy: no-referrer`. The server speaks plain HTTP: no HSTS, and no
 * upgrade-insecure-requests, which would send a grid opened by its LAN address to https.
 */
const gridHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
  referrerPolicy: { policy: "no-referrer" },
});

/**
 * mountWebGrid serves the grid built into `staticDir`. Mount it last: its fallback answers every
 * GET that accepts HTML. When the grid is not built (no index.html), it mounts nothing and logs
 * `web.not_built` with the command that builds it.
 */
export function mountWebGrid(app: express.Express, staticDir: string | undefined, logger: Logger): void {
  if (staticDir && existsSync(join(staticDir, "index.html"))) {
    serveWebGrid(app, staticDir);
  } else {
    logger.warn("web.not_built", { staticDir, hint: "run `npm run build` to build the web grid" });
  }
}

function serveWebGrid(app: express.Express, dir: string): void {
  const files = express.static(dir, { index: "index.html", maxAge: "1h", setHeaders: noCacheForHtml });
  app.use((req, res, next) => {
    gridHeaders(req, res, () => {
      files(req, res, next);
    });
  });
  // Any other page path is the single-page app.
  app.use((req, res, next) => {
    if (req.method !== "GET" || !req.accepts("html")) return next();
    gridHeaders(req, res, () => {
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(join(dir, "index.html"));
    });
  });
}

function noCacheForHtml(res: express.Response, path: string): void {
  if (path.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
