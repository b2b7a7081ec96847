/**
 * The script that runs inside every symbol page and reports what it shows through a binding.
 *
 * It is installed with `context.addInitScript`, next to `context.exposeBinding`, before any page
 * navigates: both survive reloads, so a reloaded page reports again with nothing to re-install.
 */
import {
  FALLBACK_PRICE_SELECTORS,
  JSON_LD_SELECTOR,
  NOT_FOUND_PAGE_SELECTOR,
  NOT_FOUND_TITLE_SELECTOR,
  NOT_FOUND_TITLE_TEXT,
  PRICE_SELECTORS,
} from "./tradingview.js";

/** OBSERVER_BINDING is the name of the function the page calls to report. */
export const OBSERVER_BINDING = "__cryptoStreamReport";

/**
 * PageReport is what the page sends. `price` carries the element's whole textContent, unparsed, each
 * time it changes; `via` says whether a stable selector or the fallback found it, `hook` which one.
 * `not_found` is sent once per document when the page is TradingView's error page.
 */
export type PageReport =
  | { readonly kind: "price"; readonly text: string; readonly via: "selector" | "fallback"; readonly hook: string }
  | { readonly kind: "not_found" };

/** isPageReport checks a value that came from the page, which is untrusted input. */
export function isPageReport(value: unknown): value is PageReport {
  if (typeof value !== "object" || value === null) return false;
  const report = value as Record<string, unknown>;
  if (report.kind === "not_found") return true;
  return (
    report.kind === "price" &&
    typeof report.text === "string" &&
    (report.via === "selector" || report.via === "fallback") &&
    typeof report.hook === "string"
  );
}

interface ObserverConfig {
  binding: string;
  priceSelectors: readonly string[];
  fallbackSelectors: readonly string[];
  jsonLdSelector: string;
  notFoundTitleSelector: string;
  notFoundTitleText: string;
  notFoundPageSelector: string;
}

/**
 * observerInitScript returns the init script's source. The observer function is written in
 * TypeScript for type checking and shipped as text; a `__name` stand-in is defined around it because
 * tsx (esbuild keepNames) wraps named functions in `__name(...)` calls that do not exist in the page.
 */
export function observerInitScript(): { content: string } {
  const config: ObserverConfig = {
    binding: OBSERVER_BINDING,
    priceSelectors: PRICE_SELECTORS,
    fallbackSelectors: FALLBACK_PRICE_SELECTORS,
    jsonLdSelector: JSON_LD_SELECTOR,
    notFoundTitleSelector: NOT_FOUND_TITLE_SELECTOR,
    notFoundTitleText: NOT_FOUND_TITLE_TEXT,
    notFoundPageSelector: NOT_FOUND_PAGE_SELECTOR,
  };
  const call = `(${observePage.toString()})(${JSON.stringify(config)});`;
  return { content: `(() => { const __name = (target) => target; ${call} })();` };
}

/** observePage runs in the page; it may use only the DOM and its argument. */
function observePage(config: ObserverConfig): void {
  const scope = window as unknown as Record<string, unknown>;
  // Frames get init scripts too; only the top document shows the symbol.
  if (window !== window.top || scope[`${config.binding}Installed`]) return;
  scope[`${config.binding}Installed`] = true;

  const report = (payload: PageReport): void => {
    const send = scope[config.binding];
    if (typeof send !== "function") return;
    // The call rejects when the page navigates away meanwhile; nothing to do about that here.
    Promise.resolve((send as (p: PageReport) => unknown)(payload)).catch(() => undefined);
  };
  const squash = (text: string | null | undefined): string =>
    (text ?? "").replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").trim();

  let element: Element | null = null;
  let hook = "";
  let lastText = "";
  let lastVia = "";
  let notFoundSent = false;

  const find = (): void => {
    element = null;
    for (const selector of config.priceSelectors) {
      const found = document.querySelector(selector);
      if (found) {
        element = found;
        hook = selector;
        return;
      }
    }
  };
  const offersPrice = (data: unknown, depth: number): string | null => {
    if (depth > 6 || typeof data !== "object" || data === null) return null;
    const record = data as Record<string, unknown>;
    const offers = record.offers as Record<string, unknown> | undefined;
    const price = offers && typeof offers === "object" ? offers.price : undefined;
    if (typeof price === "string" || typeof price === "number") return String(price);
    for (const value of Object.values(record)) {
      const nested = offersPrice(value, depth + 1);
      if (nested !== null) return nested;
    }
    return null;
  };
  // Parsed once per block and text: the fallback runs on every mutation while no selector matches.
  const parsedJsonLd = new WeakMap<Element, { source: string; price: string | null }>();
  const jsonLdPrice = (script: Element): string | null => {
    const source = script.textContent ?? "";
    const cached = parsedJsonLd.get(script);
    if (cached && cached.source === source) return cached.price;
    let price: string | null = null;
    try {
      price = offersPrice(JSON.parse(source), 0);
    } catch {
      // Malformed structured data is the page's problem; the next block may do.
    }
    parsedJsonLd.set(script, { source, price });
    return price;
  };
  const readFallback = (): { text: string; hook: string } | null => {
    for (const selector of config.fallbackSelectors) {
      const text = document.querySelector(selector)?.textContent;
      if (text && text.trim() !== "") return { text, hook: selector };
    }
    for (const script of Array.from(document.querySelectorAll(config.jsonLdSelector))) {
      const price = jsonLdPrice(script);
      if (price !== null) return { text: price, hook: "json-ld offers.price" };
    }
    return null;
  };
  const isNotFound = (): boolean => {
    const title = document.querySelector(config.notFoundTitleSelector);
    if (title && squash(title.textContent).includes(squash(config.notFoundTitleText))) return true;
    return document.querySelector(config.notFoundPageSelector) !== null;
  };

  const check = (): void => {
    // The element is cached; it is looked up again only once the page has replaced or removed it.
    if (!element || !element.isConnected) find();
    if (!element && !notFoundSent && isNotFound()) {
      notFoundSent = true;
      report({ kind: "not_found" });
      return;
    }
    const found = element ? { text: element.textContent ?? "", hook } : readFallback();
    if (!found) return;
    const via = element ? "selector" : "fallback";
    if (found.text === lastText && via === lastVia) return;
    lastText = found.text;
    lastVia = via;
    // An empty element is one the page has not filled yet; the fill arrives as a mutation.
    if (found.text.trim() === "") return;
    report({ kind: "price", text: found.text, via, hook: found.hook });
  };

  // Observing the document itself works before <html> exists, which is when init scripts run.
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  document.addEventListener("DOMContentLoaded", check);
}
