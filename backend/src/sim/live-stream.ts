/**
 * The page's live connection: a WebSocket at `{mount}/_live/{EXCHANGE:TICKER}`, as TradingView's pages
 * keep a WebSocket to their data server. (An HTTP stream would not do: Chromium holds at most six
 * HTTP/1.1 connections per host, so the seventh page would never get a price.) Each socket is a
 * LiveSink registered with the market for as long as it is open.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { formatChange, formatPrice, localeFor, splitPrice, type PriceLocale } from "./format-price.js";
import { LIVE_EVENTS } from "./page-script.js";
import type { LiveSink, SimMarket } from "./sim-market.js";

/** SimUpgrade takes the HTTP server's `upgrade` events for the look-alike's live sockets. */
export interface SimUpgrade {
  /**
   * handle answers an upgrade request: a live socket for `{mountPath}/_live/{EXCHANGE:TICKER}` of a
   * known ticker,
   * else an HTTP 404 and the socket destroyed. Returns false when the path is not the sim's, so
   * the caller may hand it elsewhere.
   */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** close ends every live socket. Idempotent. */
  close(): void;
}

/**
 * createSimUpgrade serves live sockets for the router mounted at `mountPath` (e.g. "/sim").
 * Wire it with `server.on("upgrade", (req, socket, head) => upgrade.handle(req, socket, head))`.
 */
export function createSimUpgrade(market: SimMarket, mountPath = "/sim"): SimUpgrade {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const prefix = `${mountPath.replace(/\/+$/, "")}/_live/`;
  return {
    handle(req, socket, head) {
      const url = new URL(req.url ?? "/", "http://sim.invalid");
      if (!url.pathname.startsWith(prefix)) return false;
      const ticker = decodeOrEmpty(url.pathname.slice(prefix.length));
      if (!market.isKnown(ticker) || market.signal.aborted) {
        socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        return true;
      }
      const locale = requestLocale(url, req);
      wss.handleUpgrade(req, socket, head, (ws) => serve(market, ticker, locale, ws));
      return true;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function serve(market: SimMarket, ticker: string, locale: PriceLocale, ws: WebSocket): void {
  const send = (type: string, data: object = {}) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type, data }));
  };
  const sink: LiveSink = {
    price: ({ price, change }) => {
      const parts = splitPrice(formatPrice(price, locale), locale);
      const shown = change ? formatChange(change, locale) : { value: "", percent: "" };
      send(LIVE_EVENTS.price, { ...parts, change: shown.value, changePercent: shown.percent });
    },
    clear: () => send(LIVE_EVENTS.clear),
    rerender: () => send(LIVE_EVENTS.rerender),
    end: () => ws.close(1001, "market closed"),
  };
  const disconnect = market.connect(ticker, sink);
  ws.once("close", disconnect);
  ws.on("error", () => ws.terminate());
}

function requestLocale(url: URL, req: IncomingMessage): PriceLocale {
  const asked = url.searchParams.get("locale");
  if (asked) return localeFor(asked);
  return localeFor(req.headers["accept-language"]);
}

/** decodeOrEmpty decodes a path segment; a malformed escape ("%E0") names no ticker. */
function decodeOrEmpty(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}
