/**
 * Scenario 1, detection latency: the look-alike shows a new price → the scraper observes it
 * (`observed_at`). The walk is paused, so every quote in the window is one we steered.
 */
import { atMost, info } from "../lib/report.js";
import { pausedLadder } from "../lib/sim-control.js";
import { steerSeries, uniform } from "../lib/steer.js";
import { round, summarize } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { Scenario } from "./scenario.js";

export const detection: Scenario = {
  id: "1",
  title: "Detection latency",
  async run({ plan, server, control, signal, log }) {
    const { ticker, samples, gapMs } = plan.detection;
    const ladder = await pausedLadder(control, ticker);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const group = new StreamGroup(server.baseUrl, signal);
    try {
      const stream = group.streamPrice(ticker, (quote) => {
        const start = sentAt.get(quote.price);
        if (start === undefined) return;
        sentAt.delete(quote.price);
        latencies.push(quote.observedAtMs - start);
      });
      await within(`the first ${ticker} quote`, stream.firstQuote, 30_000, signal);
      log(`${ticker} live; steering ${samples} prices`);
      const steered = await steerSeries({
        control,
        ticker,
        ladder,
        count: samples,
        // Random gaps, longer than one detection, so each change is measured alone.
        gapMs: uniform(gapMs[0], gapMs[1]),
        sent: (price, at) => sentAt.set(price, at),
        signal,
      });
      await pause(1_000, signal); // let the last change arrive
      const detected = summarize(latencies);
      const control_ = summarize(steered.roundTripsMs);
      return {
        figures: [
          atMost("1", "detection p50", round(detected.p50), 20, "ms"),
          atMost("1", "detection p99", round(detected.p99), 100, "ms"),
          info("1", "changes detected", latencies.length, `of ${samples}`),
          info("1", "control request round trip p50", round(control_.p50), "ms"),
        ],
        details: { ticker, samples, detectionMs: detected, controlRoundTripMs: control_, missed: sentAt.size },
      };
    } finally {
      await group.close();
      // Unpause for later scenarios; a failure here must not hide the scenario's own error.
      await control.steer(ticker, { reset: true }).catch(() => undefined);
    }
  },
};
