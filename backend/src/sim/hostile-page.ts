/**
 * Test modes of the look-alike that make its symbol page behave as a hostile third-party script on
 * TradingView's page could:
 * - an iframe (an ad, a widget) that calls the scraper's report binding itself: Playwright exposes a
 *   binding to every frame of a page, so whatever the frame sends reaches the scraper unless the
 *   scraper checks where a report came from. The binding's name comes from the test: the
 *   look-alike shares no code with the scraper;
 * - a script that tries to reach other addresses (this machine, its private network) with fetch
 *   and WebSocket.
 */

/** BINDING_NAME is what a binding name must look like: a plain JavaScript identifier. */
export const BINDING_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

/** HOSTILE_PRICE is the price the frame reports; a scraper that shows it was fooled. */
export const HOSTILE_PRICE = "13.37";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * hostileFrame returns the iframe's markup. It is sandboxed without same-origin (an opaque origin,
 * like a cross-origin ad frame) and calls `binding` twenty times, 250 ms apart, each time with a
 * price, a megabyte "price" and a not-found.
 * @throws RangeError when `binding` is not a plain identifier.
 */
export function hostileFrame(binding: string): string {
  if (!BINDING_NAME.test(binding)) throw new RangeError(`binding must be an identifier: ${JSON.stringify(binding)}`);
  const script = `(function () {
  var big = new Array(1024 * 1024 + 1).join("9");
  var reports = [
    { kind: "price", text: "${HOSTILE_PRICE}", via: "selector", hook: "iframe", change: "+1.00", changePercent: "+8.09%" },
    { kind: "price", text: big, via: "selector", hook: "iframe", change: big, changePercent: null },
    { kind: "not_found" }
  ];
  var round = 0;
  function fire() {
    var send = window[${JSON.stringify(binding)}];
    if (typeof send === "function") {
      reports.forEach(function (report) {
        try { Promise.resolve(send(report)).catch(function () {}); } catch (e) {}
      });
    }
    if (++round < 20) setTimeout(fire, 250);
  }
  fire();
})();`;
  const srcdoc = `<!DOCTYPE html><html><body>ad<script>${script}</script></body></html>`;
  return `<iframe class="ad-frame" title="advertisement" sandbox="allow-scripts" width="300" height="50" srcdoc="${escapeHtml(srcdoc)}"></iframe>`;
}

/** MAX_PROBES and MAX_PROBE_URL bound a network probe. */
const MAX_PROBES = 16;
const MAX_PROBE_URL = 200;

/**
 * checkProbeUrls returns `urls` if each is an absolute http(s) or ws(s) URL of at most 200
 * characters, at most 16 of them. @throws RangeError otherwise.
 */
export function checkProbeUrls(urls: readonly string[]): readonly string[] {
  if (urls.length > MAX_PROBES) throw new RangeError(`at most ${MAX_PROBES} probe URLs`);
  for (const url of urls) {
    const scheme = URL.canParse(url) ? new URL(url).protocol : "";
    if (url.length > MAX_PROBE_URL || !["http:", "https:", "ws:", "wss:"].includes(scheme)) {
      throw new RangeError(`probe URLs must be absolute http(s) or ws(s) URLs of at most ${MAX_PROBE_URL} characters: ${JSON.stringify(url)}`);
    }
  }
  return [...urls];
}

/**
 * networkProbe returns a script element that, once the page has loaded, fetches each http(s) URL
 * (no-cors, so any answer would do) and opens a WebSocket to each ws(s) URL. What it reaches is for
 * the test to see from the far end; the page ignores every answer.
 */
export function networkProbe(urls: readonly string[]): string {
  const list = JSON.stringify(checkProbeUrls(urls)).replace(/</g, "\\u003c");
  return `<script>(function () {
  ${list}.forEach(function (url) {
    if (/^wss?:/.test(url)) { try { new WebSocket(url); } catch (e) {} }
    else fetch(url, { mode: "no-cors" }).catch(function () {});
  });
})();</script>`;
}
