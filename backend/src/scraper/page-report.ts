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

/**
 * REPORT_TEXT_LIMIT caps every text field of a report, in UTF-16 units. A price with its separators
 * and the white space between nested spans is a few dozen; a report over the cap is refused whole
 * before anything parses or logs it (cutting it short could turn it into another number).
 */
export const REPORT_TEXT_LIMIT = 256;

/** ReportRefusal says why a report was not believed. */
export type ReportRefusal = "not_main_frame" | "malformed" | "too_long";

/** ReportCheck is a report to believe, or why not. */
export type ReportCheck = { readonly ok: true; readonly report: PageReport } | { readonly ok: false; readonly reason: ReportRefusal };

/**
 * checkReport judges what reached the binding. Playwright answers the binding in every frame of a
 * page, and any third-party frame (an ad, a widget) can call it: only the page's main frame, where
 * the observer runs, is believed. What it sends is untrusted too: its shape and every text's length
 * are checked. Pure.
 */
export function checkReport(fromMainFrame: boolean, value: unknown): ReportCheck {
  if (!fromMainFrame) return { ok: false, reason: "not_main_frame" };
  if (typeof value !== "object" || value === null) return { ok: false, reason: "malformed" };
  const report = value as Record<string, unknown>;
  if (report.kind === "not_found") return { ok: true, report: { kind: "not_found" } };
  const { text, via, hook, change, changePercent } = report;
  const textOrNull = (field: unknown) => field === null || typeof field === "string";
  const shaped =
    report.kind === "price" &&
    typeof text === "string" &&
    (via === "selector" || via === "fallback") &&
    typeof hook === "string" &&
    textOrNull(change) &&
    textOrNull(changePercent);
  if (!shaped) return { ok: false, reason: "malformed" };
  const tooLong = [text, hook, change, changePercent].some((field) => field !== null && field.length > REPORT_TEXT_LIMIT);
  if (tooLong) return { ok: false, reason: "too_long" };
  // A copy of the fields read, so nothing else the page put in the object travels on.
  return { ok: true, report: { kind: "price", text, via, hook, change, changePercent } };
}
