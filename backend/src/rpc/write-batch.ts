/**
 * Batches the writes of one event-loop turn: the hub fans a change out synchronously, and the
 * changes of several symbols (one browser message each) tend to arrive in the same turn. Each
 * response's socket is corked at its first write and all are uncorked together by one
 * setImmediate, after the turn's I/O callbacks: the frames a stream got in that turn (and HTTP/1.1's
 * chunk framing around each) leave in one syscall, and the whole batch costs one scheduled
 * callback, not one per stream. (process.nextTick would uncork after every callback: a Watch of
 * ten symbols then paid ten syscalls per stream where one does.)
 *
 * Why the socket and not `res.cork()`: a corked node:http response buffers chunks itself and
 * answers `false` once they pass its high-water mark, but uncorking hands them to a socket that
 * may take them without ever emitting 'drain', so the response never emits 'drain' either and
 * the stream would wait forever. Corking the socket keeps `write`'s answer and 'drain' in step.
 */

/** Corkable is a socket that can hold writes back until uncorked. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** FrameSink is the part of an HTTP response (node:http's ServerResponse) streams write to. */
export interface FrameSink {
  /** write queues `chunk`; false means the client is behind: wait for "drain" before writing more. */
  write(chunk: Uint8Array): boolean;
  /** socket carries the response; null once detached. */
  readonly socket: Corkable | null;
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
  const corked = new Set<Corkable>();
  const uncorkAll = () => {
    for (const socket of corked) socket.uncork();
    corked.clear();
  };
  return {
    write(sink, chunk) {
      const socket = sink.socket;
      if (socket && !corked.has(socket)) {
        if (corked.size === 0) setImmediate(uncorkAll);
        socket.cork();
        corked.add(socket);
      }
      return sink.write(chunk);
    },
  };
}
