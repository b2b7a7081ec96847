import { describe, expect, it } from "vitest";
import { checkAlert } from "./alert-spec.js";
import { AlertLimitError, WatchAlerts } from "./watch-alerts.js";

const above = (symbol: string, level: string, repeat = false) =>
  checkAlert({ symbol, condition: { kind: "cross", direction: "above", level }, repeat, cooldownSeconds: repeat ? 1 : 0 });

describe("WatchAlerts", () => {
  it("when the watch is full, then setting another throws AlertLimitError and changes nothing", () => {
    const alerts = new WatchAlerts(2);
    alerts.set(above("BTCUSD", "1"));
    alerts.set(above("BTCUSD", "2"));
    expect(() => alerts.set(above("BTCUSD", "3"))).toThrow(AlertLimitError);
    expect(alerts.size).toBe(2);
  });

  it("when an alert is set after a price, then that price arms it", () => {
    const alerts = new WatchAlerts(5);
    alerts.observe("BTCUSD", "99", 0);
    const id = alerts.set(above("BTCUSD", "100"));
    expect(alerts.observe("ETHUSD", "100", 1)).toEqual([]);
    expect(alerts.observe("BTCUSD", "100", 2)).toEqual([{ alertId: id, spec: above("BTCUSD", "100") }]);
  });

  it("when a once alert fired, then it is gone; a repeating one stays", () => {
    const alerts = new WatchAlerts(5);
    alerts.observe("BTCUSD", "99", 0);
    alerts.set(above("BTCUSD", "100"));
    alerts.set(above("BTCUSD", "100", true));
    expect(alerts.observe("BTCUSD", "100", 1).map((t) => t.spec.repeat)).toEqual([false, true]);
    expect(alerts.size).toBe(1);
  });

  it("when a symbol is forgotten or an alert removed, then it no longer fires", () => {
    const alerts = new WatchAlerts(5);
    alerts.observe("BTCUSD", "99", 0);
    const id = alerts.set(above("BTCUSD", "100"));
    alerts.set(above("BTCUSD", "100"));
    expect(alerts.remove(id)).toBe(true);
    expect(alerts.remove(id)).toBe(false);
    alerts.forget("BTCUSD");
    expect(alerts.size).toBe(0);
    expect(alerts.observe("BTCUSD", "100", 1)).toEqual([]);
  });
});
