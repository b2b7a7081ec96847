/**
 * TradingView's markup as the look-alike renders it: class names, data-qa-id hooks, the error
 * page. This mirrors scraper/tradingview.ts ON PURPOSE and shares no code with it: the look-alike
 * copies the real page, so a scraper change that drifts from TradingView fails against it too.
 * When TradingView's page changes, change this file from the real page, not from the scraper.
 */

/** PRICE_HASHED_CLASS is the build-hashed class TradingView puts on the price (2026 value). */
const PRICE_HASHED_CLASS = "last-KLji300y";
/** PRICE_HOOK_CLASS is the stable class hook on the price element. */
const PRICE_HOOK_CLASS = "js-symbol-last";
/** PRICE_QA_ID is the stable data-qa-id on the price element. */
const PRICE_QA_ID = "symbol-last-value";
/** PRICE_SELECTOR finds the price element inside the look-alike's own page script. */
export const PRICE_SELECTOR = `[data-qa-id="${PRICE_QA_ID}"]`;

/** Hashed classes around the price, as on TradingView: they change with each of its builds. */
export const CLASSES = {
  header: "symbolHeader-KLji300y",
  title: "title-HFnhSVZy apply-overflow-tooltip",
  ticker: "js-symbol-header-ticker tickerName-HFnhSVZy",
  exchange: "exchangeName-HFnhSVZy",
  logo: "logo-PsAlMQQF",
  quotes: "quotesRow-KLji300y",
  lastContainer: "lastContainer-KLji300y",
  currency: "js-symbol-currency currency-KLji300y",
  changeContainer: "changeContainer-KLji300y",
  related: "relatedSymbols-Qa7xBc2D",
} as const;

/** CHANGE_QA_ID and CHANGE_PERCENT_QA_ID mark the change area's two values for the page's own script. */
export const CHANGE_QA_ID = "symbol-change-value";
export const CHANGE_PERCENT_QA_ID = "symbol-change-pt-value";

/**
 * changeElements is the change area beside the price, empty like the price until the first push:
 * a direction wrapper holding the absolute change (`js-symbol-change`, "+1,234.56") and the percent
 * (`js-symbol-change-pt`, "+1.23%", or "(+1.23%)" as the legacy
 * `tv-symbol-price-quote__change-value` markup printed it), each beside a hashed class.
 */
export function changeElements(): string {
  return (
    `<span class="js-symbol-change-direction change-SNvPvlJl">` +
    `<span class="js-symbol-change changeValue-SNvPvlJl" data-qa-id="${CHANGE_QA_ID}"></span> ` +
    `<span class="js-symbol-change-pt changePercent-SNvPvlJl" data-qa-id="${CHANGE_PERCENT_QA_ID}"></span>` +
    `</span>`
  );
}

/**
 * relatedSymbol is one entry of the "people also watch" list TradingView shows on symbol pages,
 * with change hooks of its own: a scraper that reads the first `.js-symbol-change` in the document,
 * rather than the one in the price's header, reads this one.
 */
export function relatedSymbol(ticker: string, change: string, percent: string): string {
  return (
    `<a class="${CLASSES.related}" href="../${ticker}/">${ticker} ` +
    `<span class="js-symbol-change">${change}</span> <span class="js-symbol-change-pt">${percent}</span></a>`
  );
}

/**
 * priceElement is the price span exactly as the raw HTML carries it: EMPTY. The page fills it with
 * nested nodes (`<span>97,123.</span><sup>45</sup>`) once its live connection opens.
 */
export function priceElement(): string {
  return (
    `<span class="${PRICE_HASHED_CLASS} ${PRICE_HOOK_CLASS}" data-qa-id="${PRICE_QA_ID}">` +
    `</span>`
  );
}

/** NOT_FOUND_TITLE is the heading of TradingView's page for an unknown symbol, word for word. */
const NOT_FOUND_TITLE = "This isn't the page you're looking for";

/** notFoundPage is TradingView's 404 page for an unknown symbol, sent with HTTP 404. */
export function notFoundPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Page not found — TradingView</title></head>
<body>
<div class="tv-http-error-page">
  <div class="tv-http-error-page__content">
    <h1 class="tv-http-error-page__title">${NOT_FOUND_TITLE}</h1>
    <p class="tv-http-error-page__text">It might have been removed, renamed, or it never existed.</p>
    <a class="tv-http-error-page__link" href="/">Go to homepage</a>
  </div>
</div>
</body>
</html>
`;
}

/** serverErrorPage is a plain 500 page, like a proxy in front of TradingView would send. */
export function serverErrorPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>500 Internal Server Error</title></head>
<body><h1>500 Internal Server Error</h1><p>Something went wrong. Please try again later.</p></body>
</html>
`;
}
