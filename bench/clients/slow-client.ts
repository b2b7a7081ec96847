/**
 * A deliberately slow client: one Connect-JSON Watch over a raw HTTP request whose reading stops
 * for a while and then resumes. A server that conflates hands it the latest prices; one that queues
 * hands it the whole backlog of stale ones. (The stall must outlast the kernel's socket buffers
 * before a server can notice it at all; what is counted is what the client then reads.)
 */
import { request, type IncomingMessage } from "node:http";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import { CLOCK_TICK_MS, clockTick, tickOfClockPrice } from "../../backend/src/sim/clock-price.js";
import { pause } from "../lib/wait.js";

/** SlowResult says what the slow client read after its stall. */
export interface SlowResult {
  /** stalledTicks is how many clock ticks passed while it did not read. */
  readonly stalledTicks: number;
  /** backlog counts quotes read after the stall that were already a tick or more stale at resume. */
  readonly backlog: number;
  /** fullBacklog is what a queue without conflation would hold: symbols × stalled ticks. */
  readonly fullBacklog: number;
  /** firstAgeMs is how old the first quote read after the stall was. */
  readonly firstAgeMs: number | null;
}

/** runSlowClient watches `symbols` at `baseUrl`, stops reading for `stallMs`, then reads for 2 s. */
export async function runSlowClient(baseUrl: string, symbols: readonly string[], stallMs: number, signal: AbortSignal): Promise<SlowResult> {
  const frame = encodeEnvelope(0, Buffer.from(JSON.stringify({ symbols })));
  const url = new URL("/cryptostream.v1.PriceService/Watch", baseUrl);
  const req = request(url, { method: "POST", headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" }, signal });
  req.end(frame);
  const res = await new Promise<IncomingMessage>((resolve, reject) => req.once("response", resolve).once("error", reject));
  let pending = Buffer.alloc(0);
  let resumedAtMs: number | undefined;
  let backlog = 0;
  let firstAgeMs: number | null = null;
  res.on("data", (chunk: Buffer) => {
    const now = Date.now();
    pending = Buffer.concat([pending, chunk]);
    while (pending.byteLength >= 5 && pending.byteLength >= 5 + pending.readUInt32BE(1)) {
      const size = pending.readUInt32BE(1);
      const message = JSON.parse(pending.subarray(5, 5 + size).toString("utf8")) as { quote?: { price?: string } };
      pending = pending.subarray(5 + size);
      const tick = message.quote?.price === undefined ? undefined : tickOfClockPrice(message.quote.price, now);
      if (tick === undefined || resumedAtMs === undefined) continue;
      const ageMs = resumedAtMs - tick * CLOCK_TICK_MS;
      firstAgeMs ??= now - tick * CLOCK_TICK_MS;
      if (ageMs > CLOCK_TICK_MS * 2) backlog += 1;
    }
  });
  try {
    await pause(1_000, signal);
    res.pause();
    const stalledFrom = clockTick(Date.now());
    await pause(stallMs, signal);
    resumedAtMs = Date.now();
    const stalledTicks = clockTick(resumedAtMs) - stalledFrom;
    res.resume();
    await pause(2_000, signal);
    return { stalledTicks, backlog, fullBacklog: stalledTicks * symbols.length, firstAgeMs };
  } finally {
    res.destroy();
    req.destroy();
  }
}
