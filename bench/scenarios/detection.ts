/**
 * Scenario 1, detection latency: the look-alike is told a new price → the scraper observes it
 * (`observed_at`). The walk is paused, so every quote in the window is one we steered.
 */
import { atMost, info } from "../lib/report.js";
import { pausedLadder } from "../lib/sim-control.js";
import { steerSeries, uniform } from "../lib/steer.js";
import { round, summarize } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import type { Scenario } from "./scenario.js";

/** SLOW_MS splits the tail off for the diagnosis in the details. */
const SLOW_MS = 50;

/** detection is scenario 1; see the file header. */
export const detection: Scenario = {
  id: "1",
  title: "Detection latency",
  async run({ plan, server, control, signal, log }) {
    const { ticker, samples, gapMs } = plan.detection;
    const ladder = await pausedLadder(control, ticker);
    const sentAt = new Map<string, number>();
    const order: string[] = [];
    const detectedMs = new Map<string, number>();
    const group = new StreamGroup(server.baseUrl, signal);
    try {
      const stream = group.streamPrice(ticker, (quote) => {
        const start = sentAt.get(quote.price);
        if (start !== undefined && !detectedMs.has(quote.price)) detectedMs.set(quote.price, quote.observedAtMs - start);
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
        sent: (price, at) => {
          sentAt.set(price, at);
          order.push(price);
        },
        signal,
      });
      await pause(1_000, signal); // let the last change arrive
      const latencies = [...detectedMs.values()];
      const detected = summarize(latencies);
      const roundTrips = summarize(steered.roundTripsMs);
      // Is the tail the page's or the server's? A slow detection whose control request was slow
      // too points at the server process (event loop or CPU), which serves both.
      const slow = order.flatMap((price, i) => {
        const ms = detectedMs.get(price);
        return ms !== undefined && ms > SLOW_MS ? [{ detectionMs: ms, controlRoundTripMs: steered.roundTripsMs[i] ?? null }] : [];
      });
      const slowWithSlowControl = slow.filter((s) => (s.controlRoundTripMs ?? 0) > SLOW_MS).length;
      return {
        figures: [
          atMost("1", "detection p50", round(detected.p50), 20, "ms"),
          atMost("1", "detection p99", round(detected.p99), 100, "ms"),
          info("1", "changes detected", latencies.length, `of ${samples}`),
          info("1", "control request round trip p50", round(roundTrips.p50), "ms"),
          info("1", `detections over ${SLOW_MS} ms whose control request also took over ${SLOW_MS} ms`, slowWithSlowControl, `of ${slow.length}`),
        ],
        details: { ticker, samples, detectionMs: detected, controlRoundTripMs: roundTrips, missed: samples - latencies.length, slow },
      };
    } finally {
      await group.close();
      // Unpause for later scenarios; a failure here must not hide the scenario's own error.
      await control.steer(ticker, { reset: true }).catch(() => undefined);
    }
  },
};
