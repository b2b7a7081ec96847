/**
 * `GET /_live/:ticker`: the page's live connection, as Server-Sent Events. Each connection is a
 * LiveSink registered with the market for as long as the response is open.
 */
import type { Request, RequestHandler } from "express";
import { formatChange, formatPrice, localeFor, splitPrice, type PriceLocale } from "./format-price.js";
import { LIVE_EVENTS } from "./page-script.js";
import type { LiveSink, SimMarket } from "./sim-market.js";

/**
 * liveStreamHandler serves the stream: 404 for an unknown ticker, else an event stream that the
 * market pushes to until the client goes away (then it disconnects from the market) or the market
 * closes (then the response ends). Prices are formatted for `?locale=` (the page's
 * navigator.language), else for the request's Accept-Language.
 */
export function liveStreamHandler(market: SimMarket): RequestHandler<{ ticker: string }> {
  return (req, res) => {
    const { ticker } = req.params;
    if (!market.isKnown(ticker)) {
      res.status(404).type("text/plain").send("unknown ticker\n");
      return;
    }
    const locale = requestLocale(req);
    res.status(200).set({
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    });
    res.flushHeaders();
    res.write(": live\n\n");

    const send = (event: string, data: object) => {
      if (!res.writableEnded && !res.destroyed) {
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      }
    };
    const sink: LiveSink = {
      price: ({ price, open }) => {
        const parts = splitPrice(formatPrice(price, locale), locale);
        const change = formatChange(price, open, locale);
        send(LIVE_EVENTS.price, { ...parts, change: change.value, changePercent: change.percent });
      },
      clear: () => send(LIVE_EVENTS.clear, {}),
      rerender: () => send(LIVE_EVENTS.rerender, {}),
      end: () => res.end(),
    };
    const disconnect = market.connect(ticker, sink);
    res.once("close", disconnect);
  };
}

function requestLocale(req: Request<{ ticker: string }>): PriceLocale {
  const asked = req.query["locale"];
  if (typeof asked === "string" && asked !== "") return localeFor(asked);
  return localeFor(req.get("accept-language"));
}
