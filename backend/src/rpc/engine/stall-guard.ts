/**
 * Cuts clients that stop reading. The hub conflates what a slow client misses, so it never costs
 * memory; but a client that reads nothing at all holds its symbols and a socket forever. When one
 * write to it waits longer than the limit, the guard destroys its socket (on HTTP/2, its stream
 * alone), which ends the stream and releases its symbols. One sweeping timer serves every stream,
 * so the per-message cost is two assignments.
 */
import type { Logger } from "../../log.js";

/** Cuttable is what the guard ends: an HTTP/1.1 socket, or one HTTP/2 stream (not its connection). */
export interface Cuttable {
  destroy(): void;
}

/** StallLabel names a stream in the stall log: a name, or fields written as JSON only when it stalls. */
export type StallLabel = string | Readonly<Record<string, unknown>>;

/** StreamWrites marks when a stream starts and finishes a write. */
export interface StreamWrites {
  writing(): void;
  wrote(): void;
  /** done stops guarding the stream. Idempotent. */
  done(): void;
}

/**
 * Guarded is one stream's entry, and the StreamWrites its stream calls: a class, so the three
 * methods live once on the prototype rather than as closures on every open stream.
 */
class Guarded implements StreamWrites {
  since = 0;

  constructor(
    readonly socket: Cuttable,
    readonly label: StallLabel,
    private readonly guard: StallGuard,
  ) {}

  writing(): void {
    this.since = Date.now();
  }
  wrote(): void {
    this.since = 0;
  }
  done(): void {
    this.guard.forget(this);
  }
}

/** unguarded is every stream's StreamWrites when there is nothing to cut: one object for all. */
const unguarded: StreamWrites = { writing() {}, wrote() {}, done() {} };

export class StallGuard {
  private readonly streams = new Set<Guarded>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  /** guard starts guarding one stream; `label` names it in the log (kept as given, written only if it stalls). */
  guard(socket: Cuttable | undefined, label: StallLabel): StreamWrites {
    if (!socket) return unguarded;
    const entry = new Guarded(socket, label, this);
    this.streams.add(entry);
    this.timer ??= setInterval(() => this.sweep(), Math.max(10, Math.min(1000, this.timeoutMs / 4))).unref();
    return entry;
  }

  /** forget stops guarding `entry` (its StreamWrites.done). Idempotent. */
  forget(entry: Guarded): void {
    this.streams.delete(entry);
    if (this.streams.size === 0) this.stop();
  }

  /** size counts the streams guarded now. */
  get size(): number {
    return this.streams.size;
  }

  /** stop clears the sweeping timer. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const entry of this.streams) {
      if (entry.since === 0 || now - entry.since < this.timeoutMs) continue;
      this.streams.delete(entry);
      const stream = typeof entry.label === "string" ? entry.label : JSON.stringify(entry.label);
      this.logger.warn("stream.stalled", { stream, waitedMs: now - entry.since, limitMs: this.timeoutMs });
      entry.socket.destroy();
    }
    if (this.streams.size === 0) this.stop();
  }
}
