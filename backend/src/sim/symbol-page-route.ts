/**
 * `GET /symbols/:ticker/`: the symbol page, its 404 and 500 answers, and the steered delay.
 */
import type { Request, RequestHandler, Response } from "express";
import { DEFAULT_EXCHANGE } from "@crypto-stream/symbols/symbol.js";
import { setTimeout as sleep } from "node:timers/promises";
import { localeFor } from "./format-price.js";
import { notFoundPage, serverErrorPage } from "./markup.js";
import type { SimMarket } from "./sim-market.js";
import { renderSymbolPage } from "./symbol-page.js";

/** Tickers that could be on TradingView; anything else is a 404 that is not even counted. */
const TICKER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._!]{0,29}$/;

/**
 * symbolPageHandler answers a symbol page after the steered delay. It redirects to the trailing-
 * slash form, as the page's relative URLs need it. Each answer (200, 404 or 500) counts as a page
 * view; a request whose client leaves, or whose market closes, during the delay is dropped uncounted.
 */
export function symbolPageHandler(market: SimMarket): RequestHandler<{ ticker: string }> {
  return async (req, res) => {
    const { ticker } = req.params;
    if (!TICKER_PATTERN.test(ticker)) {
      send(res, 404, notFoundPage());
      return;
    }
    if (!req.path.endsWith("/")) {
      const at = req.originalUrl.indexOf("?");
      const query = at < 0 ? "" : req.originalUrl.slice(at);
      // Relative, so the redirect is right wherever the router is mounted.
      res.redirect(301, `${encodeURIComponent(ticker)}/${query}`);
      return;
    }
    // One market per exchange and ticker, as TradingView has one page per EXCHANGE:TICKER.
    const symbol = `${exchangeOf(req)}:${ticker}`;
    const { delayMs } = market.planPage(symbol);
    if (delayMs > 0 && !(await waited(delayMs, res, market.signal))) {
      if (!res.headersSent) res.destroy();
      return;
    }
    // Plan again after the delay, so the page carries the price and status of when it is sent.
    const plan = market.planPage(symbol);
    market.recordPageView(symbol);
    const { status, spec, price, hostileBinding, probeUrls } = plan;
    if (status === 500) {
      send(res, 500, serverErrorPage());
    } else if (status === 404 || !spec || price === undefined) {
      send(res, 404, notFoundPage());
    } else {
      const lang = localeFor(req.get("accept-language")) === "en-US" ? "en" : "de";
      send(res, 200, renderSymbolPage({ spec, exchange: exchangeOf(req), price, lang, hostileBinding, probeUrls }));
    }
  };
}

function send(res: Response, status: number, html: string): void {
  res.status(status).set("cache-control", "no-store").type("html").send(html);
}

function exchangeOf(req: Request<{ ticker: string }>): string {
  const exchange = req.query["exchange"];
  return typeof exchange === "string" && exchange !== "" ? exchange.toUpperCase() : DEFAULT_EXCHANGE;
}

/** waited sleeps `ms` and says true, or says false if the client left or the market closed. */
async function waited(ms: number, res: Response, marketSignal: AbortSignal): Promise<boolean> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once("close", onClose);
  try {
    await sleep(ms, undefined, { signal: AbortSignal.any([gone.signal, marketSignal]) });
    return !res.destroyed;
  } catch {
    return false;
  } finally {
    res.off("close", onClose);
  }
}
