/**
 * Batches writes. The hub fans a change out synchronously, and the changes of several symbols (one
 * browser message each) tend to arrive in the same turn. A stream queues the frames it gets in a
 * turn, and one setImmediate, after the turn's I/O callbacks, has every such stream write them as
 * one buffer: one `res.write` (and one chunk of HTTP/1.1 framing, one syscall) per stream per turn
 * however many symbols changed, for one scheduled callback in all, not one per stream.
 *
 * The symbols of a Watch change in bursts that span several turns (ten pages show the same tick
 * a few milliseconds apart), and each turn would cost every stream a write. So a stream that wrote
 * less than LINGER_MS ago lingers: its frames wait for one shared timer, at most LINGER_MS, and the
 * rest of the burst joins them. A stream that was quiet writes at once, so a single symbol's
 * quotes never wait; a busy Watch writes at most about once per LINGER_MS.
 */

/**
 * LINGER_MS is the longest a frame waits for others: one frame of a 60 Hz display, which is as
 * often as a grid can show a change anyway.
 */
const LINGER_MS = 16;

/** FrameSink is the part of an HTTP response (node:http's ServerResponse, a node:http2 stream) streams write to. */
export interface FrameSink {
  /** write queues `chunk`; false means the client is behind: wait for "drain" before writing more. */
  write(chunk: Uint8Array): boolean;
  on(event: "drain", listener: () => void): unknown;
  off(event: "drain", listener: () => void): unknown;
}

/** Batched is a stream with frames queued for the end of the turn. */
export interface Batched {
  /**
   * writeQueued writes what the stream queued this turn; the batch calls it once per turn, with
   * the time (Date.now()) it read once for every stream it writes.
   */
  writeQueued(now: number): void;
}

/** WriteBatch is shared by every stream of a process. */
export interface WriteBatch {
  /** lingerMs: a stream that wrote less than this ago passes `linger` to schedule. */
  readonly lingerMs: number;
  /**
   * schedule has `stream.writeQueued(now)` called once: at the end of this turn, or, when `linger`,
   * when the shared linger timer fires (within lingerMs). Call it once per queued batch of frames.
   */
  schedule(stream: Batched, linger: boolean): void;
}

/** createWriteBatch makes the process's batch. It holds nothing once its streams have written. */
export function createWriteBatch(lingerMs = LINGER_MS): WriteBatch {
  const due = waitingFor((write) => setImmediate(write));
  const lingering = waitingFor((write) => setTimeout(write, lingerMs));
  return {
    lingerMs,
    schedule(stream, linger) {
      (linger && lingerMs > 0 ? lingering : due)(stream);
    },
  };
}

/**
 * waitingFor is a list of streams that write together when one callback runs: the first stream
 * added arms it with `arm`, and it writes every stream added until then, in order.
 */
function waitingFor(arm: (write: () => void) => void): (stream: Batched) => void {
  let streams: Batched[] = [];
  const write = () => {
    const writing = streams;
    streams = [];
    const now = Date.now();
    for (const stream of writing) stream.writeQueued(now);
  };
  return (stream) => {
    if (streams.length === 0) arm(write);
    streams.push(stream);
  };
}

/** joinFrames is one buffer holding `frames` in order (no copy for one frame). */
export function joinFrames(frames: Uint8Array | Uint8Array[]): Uint8Array {
  return Array.isArray(frames) ? Buffer.concat(frames) : frames;
}
