/**
 * Everything the scraper knows about TradingView's page, in one place: when TradingView changes its
 * markup, this is the only file to edit. The look-alike in `sim/` copies these hooks.
 */
import type { SymbolRef } from "../symbols/symbol.js";
import { parsePrice } from "./parse-price.js";

/**
 * symbolPageUrl builds `{base}/symbols/{TICKER}/?exchange={EXCHANGE}`. A trailing "/" on `baseUrl`
 * is ignored; ticker and exchange are URL-encoded though valid symbols never need it.
 */
export function symbolPageUrl(baseUrl: string, symbol: SymbolRef): string {
  const base = baseUrl.replace(/\/+$/, "");
  const ticker = encodeURIComponent(symbol.ticker);
  return `${base}/symbols/${ticker}/?exchange=${encodeURIComponent(symbol.exchange)}`;
}

/**
 * PRICE_SELECTORS find the last price, most specific first. Only stable hooks: the hashed class
 * beside them (`last-JWoJqCpY`, `last-zoF9r75I`, `last-KLji300y`, ...) changes over time.
 * The element's whole textContent is the price; its digits sit in nested spans and a `<sup>`.
 */
export const PRICE_SELECTORS: readonly string[] = [
  'span.js-symbol-last[data-qa-id="symbol-last-value"]',
  '[data-qa-id="symbol-last-value"]',
  ".js-symbol-last",
];

/**
 * FALLBACK_PRICE_SELECTORS are read only when no PRICE_SELECTORS entry matches: containers of the
 * price area in earlier and current layouts. They are guesses, so their values are never a symbol's
 * first emission, and text that is not a single number (price plus change, say) parses to nothing.
 */
export const FALLBACK_PRICE_SELECTORS: readonly string[] = [
  ".tv-symbol-price-quote__value",
  '[data-qa-id="symbol-price-area"] [class*="last-"]',
  '[class*="priceWrapper"] [class*="last-"]',
];

/**
 * CHANGE_SELECTOR finds the day's absolute change beside the price ("+1,234.56", "−0.45") and
 * CHANGE_PERCENT_SELECTOR its percent ("+1.23%", or "(−0.45%)" in parentheses). The same hooks sat
 * on the legacy `tv-symbol-price-quote__change-value` spans and sit beside today's hashed classes.
 * The change counts from the previous daily close of the symbol's session (00:00 UTC for crypto on
 * most exchanges). Other widgets of the page (related symbols) carry these hooks too, so they are
 * looked up only in the price's header: see CHANGE_SCOPE_DEPTH.
 */
export const CHANGE_SELECTOR = ".js-symbol-change";
export const CHANGE_PERCENT_SELECTOR = ".js-symbol-change-pt";
/**
 * CHANGE_SCOPE_DEPTH bounds the header search: the change is read from the nearest ancestor of the
 * price element, at most this many levels up, that holds a change hook; none there means none.
 */
export const CHANGE_SCOPE_DEPTH = 5;

/**
 * JSON_LD_SELECTOR finds the structured data whose `offers.price` is the last fallback. It is the
 * price when the HTML was rendered, so it goes stale: only a fallback, never the first emission.
 */
export const JSON_LD_SELECTOR = 'script[type="application/ld+json"]';

/**
 * parseChange reads the absolute change as the page prints it into an exact signed decimal, by the
 * rules of parsePrice plus a leading "+": "+1,234.56" → "1234.56", "−0.45" (U+2212) → "-0.45".
 * Pure and total: null for anything else ("", "—", "+1.2%").
 */
export function parseChange(text: string): string | null {
  return parseSigned(text, false);
}

/**
 * parseChangePercent reads the percent beside the change, with or without parentheses, into an
 * exact signed decimal without the "%": "+1.23%" → "1.23", "(−0.45%)" → "-0.45". Null for anything else.
 */
export function parseChangePercent(text: string): string | null {
  return parseSigned(text, true);
}

function parseSigned(text: string, percent: boolean): string | null {
  let body = text.trim();
  const wrapped = /^\((.*)\)$/s.exec(body);
  if (wrapped) body = (wrapped[1] ?? "").trim();
  if (percent) body = body.replace(/%$/, "");
  if (body.startsWith("+")) {
    body = body.slice(1);
    if (/^\s*[\u2212-]/.test(body)) return null;
  }
  return parsePrice(body);
}

/** NOT_FOUND_TITLE_SELECTOR finds the heading of the page TradingView shows for unknown symbols. */
export const NOT_FOUND_TITLE_SELECTOR = "h1.tv-http-error-page__title";
/** NOT_FOUND_TITLE_TEXT is that heading's text (curly or straight apostrophes both match). */
export const NOT_FOUND_TITLE_TEXT = "This isn't the page you're looking for";
/** NOT_FOUND_PAGE_SELECTOR is the error page's container, present even when its title is reworded. */
export const NOT_FOUND_PAGE_SELECTOR = ".tv-http-error-page";

/** BLOCKED_RESOURCE_TYPES are never loaded: nothing the scraper reads needs them. */
const BLOCKED_RESOURCE_TYPES: ReadonlySet<string> = new Set(["image", "media", "font"]);

/** ANALYTICS_URL_PATTERNS are trackers and telemetry a symbol page loads; all are aborted. */
const ANALYTICS_URL_PATTERNS: readonly RegExp[] = [
  /^https?:\/\/([^/]+\.)?google-analytics\.com\//,
  /^https?:\/\/([^/]+\.)?googletagmanager\.com\//,
  /^https?:\/\/([^/]+\.)?doubleclick\.net\//,
  /^https?:\/\/([^/]+\.)?googlesyndication\.com\//,
  /^https?:\/\/([^/]+\.)?facebook\.(net|com)\/.*(tr|fbevents)/,
  /^https?:\/\/([^/]+\.)?hotjar\.(com|io)\//,
  /^https?:\/\/([^/]+\.)?(segment\.(io|com)|amplitude\.com|mixpanel\.com)\//,
  /^https?:\/\/telemetry\.tradingview\.com\//,
  /^https?:\/\/([^/]+\.)?snowplow[^/]*\//,
  // First-party collectors (a site proxying its tracker through its own origin) look like this.
  /^https?:\/\/[^?#]*\/(analytics|telemetry)\/(collect|track|event)s?([/?#]|$)/,
];

/** isBlockedRequest says whether a request of `resourceType` to `url` is aborted. Pure. */
export function isBlockedRequest(resourceType: string, url: string): boolean {
  return (
    BLOCKED_RESOURCE_TYPES.has(resourceType) || ANALYTICS_URL_PATTERNS.some((re) => re.test(url))
  );
}
