/**
 * Batches the writes of one tick: the hub fans a change out synchronously, so every stream's
 * write for it lands in the same tick. Each response is corked at its first write and all are
 * uncorked together once the tick's work is done, so a stream that got several frames in a tick
 * sends them in one syscall, and the whole batch costs one scheduled callback, not one per stream.
 */

/** FrameSink is the part of an HTTP response (node:http or the HTTP/2 compatibility API) streams write to. */
export interface FrameSink {
  /** write queues `chunk`; false means the client is behind: wait for "drain" before writing more. */
  write(chunk: Uint8Array): boolean;
  cork?(): void;
  uncork?(): void;
  on(event: "drain", listener: () => void): unknown;
  off(event: "drain", listener: () => void): unknown;
}

/** WriteBatch is shared by every stream of a process. */
export interface WriteBatch {
  /** write writes `chunk` to `sink`, corked until the end of this tick; returns `sink.write`'s answer. */
  write(sink: FrameSink, chunk: Uint8Array): boolean;
}

/** createWriteBatch makes the process's batch. It holds nothing between ticks. */
export function createWriteBatch(): WriteBatch {
  const corked = new Set<FrameSink>();
  const uncorkAll = () => {
    for (const sink of corked) sink.uncork?.();
    corked.clear();
  };
  return {
    write(sink, chunk) {
      if (!corked.has(sink)) {
        if (corked.size === 0) process.nextTick(uncorkAll);
        sink.cork?.();
        corked.add(sink);
      }
      return sink.write(chunk);
    },
  };
}
