/**
 * Batches the writes of one event-loop turn: the hub fans a change out synchronously, and the
 * changes of several symbols (one browser message each) tend to arrive in the same turn. A stream
 * queues the frames it gets in a turn, and one setImmediate, after the turn's I/O callbacks, has
 * every such stream write them as one buffer: one `res.write` (and one chunk of HTTP/1.1 framing,
 * one syscall) per stream per turn however many symbols changed, for one scheduled callback in
 * all, not one per stream. A Watch of ten symbols otherwise paid ten writes per tick where one does.
 */

/** FrameSink is the part of an HTTP response (node:http's ServerResponse) streams write to. */
export interface FrameSink {
  /** write queues `chunk`; false means the client is behind: wait for "drain" before writing more. */
  write(chunk: Uint8Array): boolean;
  on(event: "drain", listener: () => void): unknown;
  off(event: "drain", listener: () => void): unknown;
}

/** Batched is a stream with frames queued for the end of the turn. */
export interface Batched {
  /** writeQueued writes what the stream queued this turn; the batch calls it once per turn. */
  writeQueued(): void;
}

/** WriteBatch is shared by every stream of a process. */
export interface WriteBatch {
  /** schedule has `stream.writeQueued()` called at the end of this turn; call it once per turn. */
  schedule(stream: Batched): void;
}

/** createWriteBatch makes the process's batch. It holds nothing between turns. */
export function createWriteBatch(): WriteBatch {
  let due: Batched[] = [];
  const writeAll = () => {
    const streams = due;
    due = [];
    for (const stream of streams) stream.writeQueued();
  };
  return {
    schedule(stream) {
      if (due.length === 0) setImmediate(writeAll);
      due.push(stream);
    },
  };
}

/** joinFrames is one buffer holding `frames` in order (no copy for one frame). */
export function joinFrames(frames: Uint8Array | Uint8Array[]): Uint8Array {
  return Array.isArray(frames) ? Buffer.concat(frames) : frames;
}
