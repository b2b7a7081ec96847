/** The built web grid: its static files, and index.html for any other page path (a single-page app). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import express from "express";
import type { Logger } from "../log.js";

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
