/**
 * Scenario 13: what one watched symbol's history ring costs. A newcomer's `history`
 * event is read from the real server to take a real quote (price and change as the look-alike
 * shows them); from it a full ring (HISTORY_MAX_POINTS quotes) is sized two ways: encoded, as a
 * newcomer receives it, and on this process's heap, as the hub holds it (an estimate: the same
 * ring class with distinct strings and dates per quote, as the scraper makes them).
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { create, toBinary } from "@bufbuild/protobuf";
import { HistorySchema, type Quote } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { configDefaults } from "@crypto-stream/backend/config";
import { QuoteHistory } from "@crypto-stream/backend/hub";
import { createBenchClient } from "../lib/client.js";
import { info } from "../lib/report.js";
import type { Scenario } from "./scenario.js";

const TICKER = "BTCUSD";
/** RINGS is how many full rings the heap estimate builds, to rise well above the heap's noise. */
const RINGS = 50;

/** newcomerHistory holds the symbol with one StreamPrice and returns the history a second one gets first. */
async function newcomerHistory(baseUrl: string, signal: AbortSignal): Promise<readonly Quote[]> {
  const client = createBenchClient(baseUrl);
  const streams = new AbortController();
  const both = AbortSignal.any([signal, streams.signal]);
  try {
    for await (const message of client.service.streamPrice({ symbol: TICKER }, { signal: both })) {
      if (message.event.case === "quote") break;
    }
    for await (const message of client.service.streamPrice({ symbol: TICKER }, { signal: both })) {
      if (message.event.case === "history") return message.event.value.quotes;
      if (message.event.case === "quote") break;
    }
    return [];
  } finally {
    streams.abort();
    client.close();
  }
}

/** heapBytesPerRing fills RINGS rings of `points` quotes shaped like `sample` and measures the heap they hold. */
function heapBytesPerRing(sample: Quote, points: number): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const rings: QuoteHistory[] = [];
  const observedAt = timestampDate(sample.observedAt!).getTime();
  for (let r = 0; r < RINGS; r += 1) {
    const ring = new QuoteHistory({ maxPoints: points, windowMs: configDefaults.historyWindowMs });
    for (let i = 0; i < points; i += 1) {
      // Fresh strings and dates, as each page report brings.
      const cents = String(i).padStart(2, "0").slice(-2);
      ring.push({
        kind: "quote",
        symbol: sample.symbol,
        price: `${sample.price.slice(0, -2)}${cents}`,
        observedAt: new Date(observedAt + i),
        change: `${sample.change.slice(0, -2)}${cents}`,
        changePercent: `${sample.changePercent.slice(0, -1)}${i % 10}`,
      });
    }
    ring.recent(observedAt + points);
    rings.push(ring);
  }
  gc();
  const held = process.memoryUsage().heapUsed - before;
  return rings.length > 0 ? held / RINGS : 0;
}

/** historyRing is scenario 13; see the file header. */
export const historyRing: Scenario = {
  id: "13",
  title: "History ring per symbol",
  async run({ server, control, signal, log }) {
    await control.steer(TICKER, { reset: true });
    const quotes = await newcomerHistory(server.baseUrl, signal);
    const sample = quotes.at(-1);
    if (!sample) throw new Error(`a newcomer of ${TICKER} got no history event before its first quote`);
    const points = configDefaults.historyMaxPoints;
    const full = create(HistorySchema, { symbol: sample.symbol, quotes: Array.from({ length: points }, () => sample) });
    const wireBytes = toBinary(HistorySchema, full).length;
    const heapBytes = Math.round(heapBytesPerRing(sample, points));
    log(`newcomer got ${quotes.length} quotes; a full ring of ${points} is ${wireBytes} B encoded, ~${heapBytes} B on the heap`);
    return {
      figures: [
        info("13", "quotes in a newcomer's history", quotes.length, ""),
        info("13", `full history (${points} quotes), encoded`, Math.round(wireBytes / 1024), "kB per symbol"),
        info("13", `full history (${points} quotes), heap held`, Math.round(heapBytes / 1024), "kB per symbol"),
      ],
      details: { ticker: TICKER, points, newcomerQuotes: quotes.length, sample: { price: sample.price, change: sample.change, changePercent: sample.changePercent }, wireBytes, heapBytes },
    };
  },
};
