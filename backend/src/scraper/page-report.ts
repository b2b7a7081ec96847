/**
 * What the in-page observer (page-observer.ts) sends through its binding, and the check of it on
 * arrival: the page is untrusted, so a report is checked before the scraper believes it.
 */

/** OBSERVER_BINDING is the name of the function the page calls to report. */
export const OBSERVER_BINDING = "__cryptoStreamReport";

/**
 * PageReport is what the page sends. `price` carries the element's whole textContent, unparsed, each
 * time it or the change beside it changes; `via` says whether a stable selector or the fallback
 * found it, `hook` which one. `change` and `changePercent` are the texts of the change area in the
 * price's header, read in the same pass, null where the page has none. `not_found` is sent once per
 * document when the page is TradingView's error page.
 */
export type PageReport =
  | {
      readonly kind: "price";
      readonly text: string;
      readonly via: "selector" | "fallback";
      readonly hook: string;
      readonly change: string | null;
      readonly changePercent: string | null;
    }
  | { readonly kind: "not_found" };

/** isPageReport checks a value that came from the page, which is untrusted input. */
export function isPageReport(value: unknown): value is PageReport {
  if (typeof value !== "object" || value === null) return false;
  const report = value as Record<string, unknown>;
  if (report.kind === "not_found") return true;
  const textOrNull = (field: unknown) => field === null || typeof field === "string";
  return (
    report.kind === "price" &&
    typeof report.text === "string" &&
    (report.via === "selector" || report.via === "fallback") &&
    typeof report.hook === "string" &&
    textOrNull(report.change) &&
    textOrNull(report.changePercent)
  );
}
