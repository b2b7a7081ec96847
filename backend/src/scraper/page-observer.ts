/**
 * The script that runs inside every symbol page and reports what it shows through a binding.
 *
 * It is installed with `context.addInitScript`, next to `context.exposeBinding`, before any page
 * navigates: both survive reloads, so a reloaded page reports again with nothing to re-install.
 */
import {
  CHANGE_PERCENT_SELECTOR,
  CHANGE_SCOPE_DEPTH,
  CHANGE_SELECTOR,
  FALLBACK_PRICE_SELECTORS,
  JSON_LD_SELECTOR,
  NOT_FOUND_PAGE_SELECTOR,
  NOT_FOUND_TITLE_SELECTOR,
  NOT_FOUND_TITLE_TEXT,
  PRICE_SELECTORS,
} from "./tradingview.js";
import { OBSERVER_BINDING, type PageReport } from "./page-report.js";

interface ObserverConfig {
  binding: string;
  priceSelectors: readonly string[];
  fallbackSelectors: readonly string[];
  jsonLdSelector: string;
  changeSelector: string;
  changePercentSelector: string;
  changeScopeDepth: number;
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
    changeSelector: CHANGE_SELECTOR,
    changePercentSelector: CHANGE_PERCENT_SELECTOR,
    changeScopeDepth: CHANGE_SCOPE_DEPTH,
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
  // What was last seen (via, price text, change texts); a mutation that changes none of it sends nothing.
  let lastKey = "";
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
  const readFallback = (): { text: string; hook: string; at?: Element } | null => {
    for (const selector of config.fallbackSelectors) {
      const at = document.querySelector(selector);
      const text = at?.textContent;
      if (at && text && text.trim() !== "") return { text, hook: selector, at };
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

  // The change area of the price's header, cached like the price and found again once replaced.
  // A page without one is searched again only when its price moves, not on every mutation.
  let changeFor: Element | null = null;
  let searchedAt = "";
  let changeElements: { change: Element | null; percent: Element | null } = { change: null, percent: null };
  const readChange = (price: Element | undefined, text: string): { change: string | null; changePercent: string | null } => {
    const { change, percent } = changeElements;
    const stale = (el: Element | null) => el !== null && !el.isConnected;
    const retry = !change && !percent && text !== searchedAt;
    if (changeFor !== (price ?? null) || stale(change) || stale(percent) || retry) {
      changeFor = price ?? null;
      searchedAt = text;
      changeElements = { change: null, percent: null };
      let scope = price?.parentElement ?? null;
      // Never the whole body: a change anywhere on the page (a related symbol's) is not this price's.
      for (let depth = 0; scope && scope !== document.body && depth < config.changeScopeDepth; depth++, scope = scope.parentElement) {
        const found = {
          change: scope.querySelector(config.changeSelector),
          percent: scope.querySelector(config.changePercentSelector),
        };
        if (found.change || found.percent) {
          changeElements = found;
          break;
        }
      }
    }
    return {
      change: changeElements.change?.textContent ?? null,
      changePercent: changeElements.percent?.textContent ?? null,
    };
  };

  const check = (): void => {
    // The element is cached; it is looked up again only once the page has replaced or removed it.
    if (!element || !element.isConnected) find();
    if (!element && !notFoundSent && isNotFound()) {
      notFoundSent = true;
      report({ kind: "not_found" });
      return;
    }
    const found = element ? { text: element.textContent ?? "", hook, at: element } : readFallback();
    if (!found) return;
    const via = element ? "selector" : "fallback";
    const { change, changePercent } = readChange(found.at, found.text);
    const key = `${via}\u0000${found.text}\u0000${change ?? "\u0001"}\u0000${changePercent ?? "\u0001"}`;
    if (key === lastKey) return;
    lastKey = key;
    // An empty element is one the page has not filled yet; the fill arrives as a mutation.
    if (found.text.trim() === "") return;
    report({ kind: "price", text: found.text, via, hook: found.hook, change, changePercent });
  };

  // Observing the document itself works before <html> exists, which is when init scripts run.
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  document.addEventListener("DOMContentLoaded", check);
}
