/**
 * `/_control/:ticker`: the sim's steering over HTTP, for the benchmark, which runs in another
 * process and cannot call the market directly.
 */
import express, { type ErrorRequestHandler, type Router } from "express";
import { needsKnownTicker, parseControlBody, type ControlCommand } from "./control-body.js";
import type { SimMarket } from "./sim-market.js";

/** ControlState is the answer of `GET /_control/:ticker`. */
export interface ControlState {
  readonly known: boolean;
  /** price now as a plain decimal, null for an unknown ticker. */
  readonly price: string | null;
  readonly pageViews: number;
  readonly openConnections: number;
  /** change is what the change area shows as plain signed decimals, null while hidden or unknown. */
  readonly change: { readonly value: string; readonly percent: string } | null;
  /** lastFillAtMs is when a page last got its first price (wall-clock ms), null if never. */
  readonly lastFillAtMs: number | null;
  /** lastPageViewAtMs is when a symbol page was last served (wall-clock ms), null if never. */
  readonly lastPageViewAtMs: number | null;
  /** clockSkipped counts clock ticks never shown because the look-alike's clock ran late. */
  readonly clockSkipped: number;
}

/**
 * applyControl applies a validated command in a fixed order: reset first, so a body can reset and
 * set up a scenario in one request, then page knobs, then price knobs, then rerender.
 * The caller checks needsKnownTicker first; an unknown ticker would throw UnknownTickerError.
 */
function applyControl(market: SimMarket, ticker: string, command: ControlCommand): void {
  if (command.reset) market.reset(ticker);
  if (command.status !== undefined) market.respondWith(ticker, command.status);
  if (command.delayMs !== undefined) market.setDelay(ticker, command.delayMs);
  if (command.fillDelayMs !== undefined) market.setFillDelay(ticker, command.fillDelayMs);
  if (command.clock !== undefined) market.clock(ticker, command.clock);
  if (command.withheld !== undefined) market.withholdPrice(ticker, command.withheld);
  if (command.paused !== undefined) market.pause(ticker, command.paused);
  if (command.silent !== undefined) market.silence(ticker, command.silent);
  if (command.price !== undefined) market.setPrice(ticker, command.price);
  if (command.change !== undefined) market.steerChange(ticker, command.change);
  if (command.rerender) market.rerender(ticker);
}

/**
 * controlRoutes answers `POST /:ticker` (204, 400 with `{ error }` on a bad body, 404 when a price
 * is steered for an unknown ticker) and `GET /:ticker` (ControlState as JSON).
 */
export function controlRoutes(market: SimMarket): Router {
  const router = express.Router();
  router.use(express.json({ limit: "4kb" }));

  router.get("/:ticker", (req, res) => {
    const { ticker } = req.params;
    const state: ControlState = {
      known: market.isKnown(ticker),
      price: market.currentPrice(ticker) ?? null,
      pageViews: market.pageViews(ticker),
      openConnections: market.openConnections(ticker),
      change: market.currentChange(ticker) ?? null,
      lastFillAtMs: market.lastFillAtMs(ticker) ?? null,
      lastPageViewAtMs: market.lastPageViewAtMs(ticker) ?? null,
      clockSkipped: market.clockSkipped(ticker),
    };
    res.set("cache-control", "no-store").json(state);
  });

  router.post("/:ticker", (req, res) => {
    const { ticker } = req.params;
    const parsed = parseControlBody(req.body);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.message });
      return;
    }
    if (needsKnownTicker(parsed.command) && !market.isKnown(ticker)) {
      res.status(404).json({ error: `the sim does not know ticker ${JSON.stringify(ticker)}` });
      return;
    }
    applyControl(market, ticker, parsed.command);
    res.status(204).end();
  });

  // express.json reports malformed or oversized bodies as errors; answer them in words.
  const bodyErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
    const status = errorStatus(err);
    if (status === undefined || status >= 500 || res.headersSent) {
      next(err);
      return;
    }
    const reason = err instanceof Error ? err.message : "unreadable body";
    res.status(status).json({ error: `body is not a valid JSON object: ${reason}` });
  };
  router.use(bodyErrors);
  return router;
}

function errorStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null || !("status" in err)) return undefined;
  return typeof err.status === "number" ? err.status : undefined;
}
