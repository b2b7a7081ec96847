/**
 * A test mode of the look-alike: an iframe on the symbol page that plays a hostile third party (an
 * ad, a widget) and calls the scraper's report binding itself. Playwright exposes a binding to every
 * frame of a page, so whatever the frame sends reaches the scraper unless the scraper checks where a
 * report came from. The binding's name comes from the test: the look-alike shares no code with the
 * scraper.
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
