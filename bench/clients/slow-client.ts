/**
 * A deliberately slow client: one Connect-JSON Watch of many clock symbols over a raw HTTP request
 * that stops reading until the kernel's loopback buffers (megabytes: the server socket's send
 * buffer grows to net.ipv4.tcp_wmem's maximum) are full and the server itself must hold quotes
 * back, stays stalled a while longer, then reads again. A server that conflates then hands it the
 * newest quote per symbol; one that queues hands it every quote made while it was stalled.
 */
import { request, type IncomingMessage } from "node:http";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import { clockTick, tickOfClockPrice } from "@crypto-stream/backend/sim";
import { sendQueueBytes } from "../lib/send-queue.js";
import { pause, waitFor } from "../lib/wait.js";

/** SlowPlan sizes the slow client. */
export interface SlowPlan {
  readonly symbols: readonly string[];
  /** fillLimitMs bounds the stall spent waiting for the kernel's buffers to fill. */
  readonly fillLimitMs: number;
  /** holdMs is how long it stays stalled once they are full: under the server's stall guard (STALL_TIMEOUT_MS). */
  readonly holdMs: number;
}

/** SlowResult says what the slow client read; ticks are clock ticks, quotes are (tick, symbol) pairs. */
export interface SlowResult {
  readonly symbols: number;
  /** filledAfterMs is how long the stall took to fill the kernel's buffers; null if they did not fill in time. */
  readonly filledAfterMs: number | null;
  /** bufferedBytes is what the kernel held for the client when it resumed. */
  readonly bufferedBytes: number;
  readonly stalledMs: number;
  /** produced counts the quotes the clock made from the stall to the end of reading. */
  readonly produced: number;
  /** received counts the quotes of those ticks the client read. */
  readonly received: number;
  /** held counts quotes read after resuming that were made while the buffers were full: a queue's backlog. */
  readonly held: number;
  /** heldProduced is what a queue would have handed of those. */
  readonly heldProduced: number;
  /** freshAfterMs is the time from resuming to reading a quote of the tick in progress at resume or later. */
  readonly freshAfterMs: number | null;
  /** ended says the stream ended before reading was done (the stall guard cut it, say). */
  readonly ended: boolean;
}

interface Read {
  readonly tick: number;
  readonly atMs: number;
}

/**
 * runSlowClient watches `plan.symbols` at `baseUrl`; once they are all live it stalls until the
 * buffers fill and `holdMs` after, then reads for 4 s.
 */
export async function runSlowClient(baseUrl: string, plan: SlowPlan, signal: AbortSignal): Promise<SlowResult> {
  const frame = encodeEnvelope(0, Buffer.from(JSON.stringify({ symbols: plan.symbols })));
  const url = new URL("/cryptostream.v1.PriceService/Watch", baseUrl);
  const req = request(url, { method: "POST", headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" }, signal });
  req.end(frame);
  const res = await new Promise<IncomingMessage>((resolve, reject) => req.once("response", resolve).once("error", reject));
  const reads: Read[] = [];
  let ended = false;
  res.once("end", () => (ended = true)).once("error", () => (ended = true));
  const newest = new Map<string, number>();
  let pending = Buffer.alloc(0);
  res.on("data", (chunk: Buffer) => {
    const atMs = Date.now();
    pending = Buffer.concat([pending, chunk]);
    while (pending.byteLength >= 5 && pending.byteLength >= 5 + pending.readUInt32BE(1)) {
      const size = pending.readUInt32BE(1);
      const message = JSON.parse(pending.subarray(5, 5 + size).toString("utf8")) as { quote?: { symbol?: string; price?: string } };
      pending = pending.subarray(5 + size);
      const tick = message.quote?.price === undefined ? undefined : tickOfClockPrice(message.quote.price, atMs);
      if (tick === undefined) continue;
      reads.push({ tick, atMs });
      newest.set(message.quote?.symbol ?? "", tick);
    }
  });
  try {
    // Stall only once every symbol is live and its history read: the server then has news every
    // tick, so a send queue that stops growing means the kernel takes no more.
    await waitFor("the slow client's symbols to be live", () => live(newest, plan.symbols.length), { timeoutMs: 90_000, signal, intervalMs: 250 });
    res.pause();
    const stalledAt = Date.now();
    const filledAt = await stayFull(Number(url.port), res.socket.localPort ?? 0, plan, signal);
    const resumedAt = Date.now();
    const bufferedBytes = sendQueueBytes(Number(url.port), res.socket.localPort ?? 0) ?? 0;
    res.resume();
    await pause(4_000, signal);
    return tallySlow(reads, { plan, stalledAt, filledAt, resumedAt, endedAt: Date.now(), bufferedBytes, ended });
  } finally {
    res.destroy();
    req.destroy();
  }
}

/** live says every one of `symbols` symbols has a quote of the tick in progress or the one before. */
function live(newest: ReadonlyMap<string, number>, symbols: number): boolean {
  const now = clockTick(Date.now());
  return newest.size >= symbols && [...newest.values()].every((tick) => tick >= now - 1);
}

/**
 * stayFull waits for the buffers to fill, then holds `holdMs`; if the queue grew meanwhile (the
 * kernel had grown a buffer and the server wrote on) it waits for them to fill again. Resolves with
 * the time they last filled, or undefined when they did not stay full within `fillLimitMs`.
 */
async function stayFull(serverPort: number, clientPort: number, plan: SlowPlan, signal: AbortSignal): Promise<number | undefined> {
  const deadline = Date.now() + plan.fillLimitMs;
  while (Date.now() < deadline) {
    const filledAt = await waitFull(serverPort, clientPort, deadline - Date.now(), signal);
    if (filledAt === undefined) return undefined;
    const full = sendQueueBytes(serverPort, clientPort) ?? 0;
    await pause(plan.holdMs, signal);
    if ((sendQueueBytes(serverPort, clientPort) ?? 0) <= full) return filledAt;
  }
  return undefined;
}

/**
 * waitFull polls the server's send queue for this connection and resolves with the time it last
 * grew once it has not grown for 2 s (the kernel takes no more: the server now holds quotes back),
 * or undefined when that does not happen within `limitMs` or the connection is gone.
 */
async function waitFull(serverPort: number, clientPort: number, limitMs: number, signal: AbortSignal): Promise<number | undefined> {
  const deadline = Date.now() + limitMs;
  let most = 0;
  let grewAt = Date.now();
  while (Date.now() < deadline) {
    await pause(250, signal);
    const queued = sendQueueBytes(serverPort, clientPort);
    if (queued === undefined) return undefined;
    if (queued > most) {
      most = queued;
      grewAt = Date.now();
    } else if (most > 0 && Date.now() - grewAt >= 2_000) return grewAt;
  }
  return undefined;
}

interface Moments {
  readonly plan: SlowPlan;
  readonly stalledAt: number;
  readonly filledAt: number | undefined;
  readonly resumedAt: number;
  readonly endedAt: number;
  readonly bufferedBytes: number;
  readonly ended: boolean;
}

function tallySlow(reads: readonly Read[], m: Moments): SlowResult {
  const symbols = m.plan.symbols.length;
  const [stallTick, resumeTick, endTick] = [clockTick(m.stalledAt), clockTick(m.resumedAt), clockTick(m.endedAt)];
  // Made while the buffers were full: after they filled, and two ticks clear of the resume.
  const heldFrom = m.filledAt === undefined ? resumeTick : clockTick(m.filledAt) + 1;
  const heldTo = resumeTick - 2;
  const after = reads.filter((r) => r.atMs >= m.resumedAt);
  const fresh = after.find((r) => r.tick >= resumeTick);
  return {
    symbols,
    filledAfterMs: m.filledAt === undefined ? null : m.filledAt - m.stalledAt,
    bufferedBytes: m.bufferedBytes,
    stalledMs: m.resumedAt - m.stalledAt,
    produced: (endTick - stallTick) * symbols,
    received: reads.filter((r) => r.tick > stallTick && r.tick <= endTick).length,
    held: after.filter((r) => r.tick >= heldFrom && r.tick <= heldTo).length,
    heldProduced: Math.max(0, heldTo - heldFrom + 1) * symbols,
    freshAfterMs: fresh === undefined ? null : fresh.atMs - m.resumedAt,
    ended: m.ended,
  };
}
