import { describe, expect, it } from "vitest";
import { FEED_TROUBLES } from "./hub-observer.js";
import { Metrics } from "./metrics.js";

describe("Metrics", () => {
  it("when nothing has gone wrong yet, then every kind of scrape error is exported at zero", async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const text = await metrics.text();
    for (const kind of FEED_TROUBLES) {
      expect(text).toContain(`cryptostream_scrape_errors_total{kind="${kind}"} 0`);
    }
  });

  it("when a feed reconnects, then only that kind counts up and the others stay at zero", async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const observer = metrics.hubObserver();
    observer.state("BTCUSD", "loading", "");
    observer.state("BTCUSD", "reconnecting", "the page crashed");
    const text = await metrics.text();
    expect(text).toContain('cryptostream_scrape_errors_total{kind="reconnecting"} 1');
    expect(text).toContain('cryptostream_scrape_errors_total{kind="not_found"} 0');
    expect(text).toContain('cryptostream_scrape_errors_total{kind="failed"} 0');
  });
});
