import { describe, expect, it } from "vitest";
import { checkReport, REPORT_TEXT_LIMIT } from "./page-report.js";

const price = { kind: "price", text: "97,123.45", via: "selector", hook: ".js-symbol-last", change: "+1.00", changePercent: null };

describe("checkReport", () => {
  it("when a well-formed report comes from the main frame, then it is believed, and only its own fields travel on", () => {
    expect(checkReport(true, { ...price, extra: "x".repeat(10) })).toEqual({ ok: true, report: price });
    expect(checkReport(true, { kind: "not_found", extra: 1 })).toEqual({ ok: true, report: { kind: "not_found" } });
  });

  it("when a report comes from another frame, then it is refused whatever it says", () => {
    expect(checkReport(false, price)).toEqual({ ok: false, reason: "not_main_frame" });
    expect(checkReport(false, { kind: "not_found" })).toEqual({ ok: false, reason: "not_main_frame" });
  });

  it("when any text field is over the cap, then the report is refused whole", () => {
    const long = "9".repeat(REPORT_TEXT_LIMIT + 1);
    for (const field of ["text", "hook", "change", "changePercent"]) {
      expect(checkReport(true, { ...price, [field]: long })).toEqual({ ok: false, reason: "too_long" });
    }
    expect(checkReport(true, { ...price, text: "9".repeat(1024 * 1024) })).toEqual({ ok: false, reason: "too_long" });
    expect(checkReport(true, { ...price, text: "9".repeat(REPORT_TEXT_LIMIT) }).ok).toBe(true);
  });

  it("when the shape is wrong, then the report is refused as malformed", () => {
    for (const bad of [null, "97123.45", 5, { kind: "price" }, { ...price, via: "guess" }, { ...price, text: 97123.45 }, { ...price, change: 1 }, { kind: "other" }]) {
      expect(checkReport(true, bad)).toEqual({ ok: false, reason: "malformed" });
    }
  });
});
