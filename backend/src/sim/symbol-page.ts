/**
 * The HTML of a symbol page, shaped like TradingView's: a header with the symbol's name, the empty
 * price element with a currency and change area beside it (all in the header), a related-symbols
 * link with change hooks of its own, JSON-LD with the render-time price,
 * and the side requests (logo, favicon, webfont, analytics) a scraper is expected to block.
 */
import type { PairSpec } from "./catalog.js";
import { hostileFrame, networkProbe } from "./hostile-page.js";
import { changeElements, CLASSES, priceElement, relatedSymbol } from "./markup.js";
import { pageScript } from "./page-script.js";

/** SymbolPageInput is what one render of a symbol page needs. */
export interface SymbolPageInput {
  readonly spec: PairSpec;
  /** exchange as asked for in `?exchange=`, shown in the header; any exchange is served. */
  readonly exchange: string;
  /** price now, a plain decimal; JSON-LD carries it as `offers.price`. */
  readonly price: string;
  /** lang is the page's `<html lang>`, from the request's Accept-Language. */
  readonly lang: string;
  /** hostileBinding, when set, adds the hostile test frame that calls it (hostile-page.ts). */
  readonly hostileBinding?: string | undefined;
  /** probeUrls, when not empty, adds the script that tries to reach them (hostile-page.ts). */
  readonly probeUrls?: readonly string[];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Inline JSON must not be able to close its script element. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** renderSymbolPage returns the page's whole HTML. Assets are addressed relative to the page. */
export function renderSymbolPage(input: SymbolPageInput): string {
  const { spec, exchange, price, lang, hostileBinding, probeUrls = [] } = input;
  const ticker = escapeHtml(spec.ticker);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: `${spec.ticker} price`,
    description: `${spec.name} live price chart`,
    brand: { "@type": "Brand", name: exchange },
    offers: { "@type": "Offer", price, priceCurrency: spec.currency },
  };
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ticker} Price — ${escapeHtml(spec.name)} — TradingView look-alike</title>
<link rel="icon" href="../../static/favicon.svg" type="image/svg+xml">
<style>
@font-face { font-family: "Sim Sans"; src: url("../../static/fonts/sim-sans.woff2") format("woff2"); }
body { font-family: "Sim Sans", -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #131722; }
.${CLASSES.quotes} { display: flex; align-items: baseline; gap: 12px; font-size: 36px; }
sup { font-size: 60%; }
</style>
<script type="application/ld+json">${inlineJson(jsonLd)}</script>
</head>
<body>
<nav>${relatedSymbol(spec.ticker === "ETHUSD" ? "BTCUSD" : "ETHUSD", "+9,999.99", "+99.99%")}</nav>
<div class="${CLASSES.header}">
  <img class="${CLASSES.logo}" src="../../static/logo.svg" alt="" width="48" height="48">
  <h1 class="${CLASSES.title}">${escapeHtml(spec.name)}</h1>
  <span class="${CLASSES.ticker}">${ticker}</span>
  <span class="${CLASSES.exchange}">${escapeHtml(exchange)}</span>
  <div class="${CLASSES.quotes}" data-qa-id="symbol-price-area">
    <div class="${CLASSES.lastContainer}">
      ${priceElement()}
      <span class="${CLASSES.currency}">${spec.currency}</span>
    </div>
    <div class="${CLASSES.changeContainer}">${changeElements()}</div>
  </div>
</div>
${hostileBinding === undefined ? "" : hostileFrame(hostileBinding)}${probeUrls.length === 0 ? "" : networkProbe(probeUrls)}
<script>${pageScript(`${exchange}:${spec.ticker}`)}</script>
</body>
</html>
`;
}
