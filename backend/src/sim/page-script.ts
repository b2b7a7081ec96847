/**
 * The symbol page's own script, as browser JavaScript text. Like TradingView's app it opens a live
 * connection, fills the empty price element on the first push and then only changes the text
 * inside its nested nodes; it replaces the element with a fresh node only when told to re-render,
 * as React does when it re-mounts. When its socket closes it reconnects with backoff, as TradingView's client does.
 */
import { CHANGE_PERCENT_QA_ID, CHANGE_QA_ID, PRICE_SELECTOR } from "./markup.js";

/** LIVE_EVENTS names the messages the live socket sends (`{type, data}`) and this script handles. */
export const LIVE_EVENTS = { price: "price", clear: "clear", rerender: "rerender" } as const;

/**
 * pageScript returns the inline script for the page of `symbol` (`EXCHANGE:TICKER`, whose market its
 * live socket joins). URLs are relative to the page (`{base}/symbols/{TICKER}/`), so the page works
 * wherever the sim router is mounted.
 */
export function pageScript(symbol: string): string {
  const text = (value: string) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `(function () {
  "use strict";
  var ticker = ${text(symbol)};
  var last = null;
  function byQa(id) { return document.querySelector('[data-qa-id="' + id + '"]'); }
  function fill(el, parts) {
    if (!parts) { el.textContent = ""; return; }
    var main = el.firstElementChild;
    var sup = main && main.nextElementSibling;
    if (!main || !sup) {
      el.textContent = "";
      main = document.createElement("span");
      sup = document.createElement("sup");
      el.appendChild(main);
      el.appendChild(sup);
    }
    main.textContent = parts.main;
    sup.textContent = parts.sup;
  }
  function show(parts) {
    last = parts;
    var el = document.querySelector(${text(PRICE_SELECTOR)});
    if (el) fill(el, parts);
    var change = byQa(${text(CHANGE_QA_ID)});
    var percent = byQa(${text(CHANGE_PERCENT_QA_ID)});
    if (change) change.textContent = parts ? parts.change : "";
    if (percent) percent.textContent = parts ? parts.changePercent : "";
  }
  function handle(message) {
    if (message.type === ${text(LIVE_EVENTS.price)}) show(message.data);
    else if (message.type === ${text(LIVE_EVENTS.clear)}) show(null);
    else if (message.type === ${text(LIVE_EVENTS.rerender)}) {
      var old = document.querySelector(${text(PRICE_SELECTOR)});
      if (!old) return;
      var fresh = old.cloneNode(false);
      fill(fresh, last);
      old.replaceWith(fresh);
    }
  }
  var url = new URL("../../_live/" + encodeURIComponent(ticker), location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("locale", navigator.language || "");
  function connect(attempt) {
    var live = new WebSocket(url.href);
    live.addEventListener("open", function () {
      attempt = 0;
      console.log("[live] connected to " + ticker);
    });
    live.addEventListener("message", function (event) { handle(JSON.parse(event.data)); });
    live.addEventListener("close", function () {
      // Like TradingView's client: try again, a little later each time.
      var delay = Math.min(30000, 1000 * Math.pow(2, attempt));
      console.log("[live] disconnected from " + ticker + ", reconnecting in " + delay + " ms");
      setTimeout(function () { connect(attempt + 1); }, delay);
    });
  }
  connect(0);
  fetch("../../analytics/collect", {
    method: "POST",
    keepalive: true,
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ event: "page_view", symbol: ticker })
  }).catch(function () {});
})();`;
}
