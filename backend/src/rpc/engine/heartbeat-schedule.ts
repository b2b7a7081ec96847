/**
 * One heartbeat schedule for every stream. A stream idle for the interval gets a heartbeat, so
 * proxies keep it open and clients can tell a quiet market from a dead connection.
 *
 * Why a sweep and not a timer per stream or a wheel: a write only stamps `lastWriteAt` (no timer
 * to reset), and one sweep per tick compares that stamp for every stream. Ten thousand streams
 * cost well under a millisecond per tick, and a wheel would save that at the price of moving
 * streams between buckets. Every stream due in one sweep gets the same heartbeat item, so the
 * frame cache encodes it once per wire format.
 */
import type { HeartbeatItem } from "./stream-messages.js";

/** HeartbeatTarget is a stream the schedule watches. */
export interface HeartbeatTarget {
  /** lastWriteAt is when the stream last wrote anything (ms since the epoch). */
  readonly lastWriteAt: number;
  /** beat writes `item`; called only when the stream has been idle for about the interval. */
  beat(item: HeartbeatItem): void;
}

/** HeartbeatSchedule runs its one timer only while it holds streams. */
export interface HeartbeatSchedule {
  add(target: HeartbeatTarget): void;
  /** delete stops watching `target`; idempotent. */
  delete(target: HeartbeatTarget): void;
  /** size counts the streams watched now. */
  readonly size: number;
}

/** createHeartbeatSchedule beats streams idle for `intervalMs`, give or take a quarter tick. */
export function createHeartbeatSchedule(intervalMs: number): HeartbeatSchedule {
  const targets = new Set<HeartbeatTarget>();
  const tickMs = Math.max(5, Math.min(1000, intervalMs / 4));
  const dueAfterMs = intervalMs - tickMs / 2;
  let timer: NodeJS.Timeout | undefined;
  const sweep = () => {
    const now = Date.now();
    let item: HeartbeatItem | undefined;
    for (const target of targets) {
      if (now - target.lastWriteAt < dueAfterMs) continue;
      item ??= { kind: "heartbeat", sentAt: new Date(now) };
      target.beat(item);
    }
  };
  return {
    add(target) {
      targets.add(target);
      timer ??= setInterval(sweep, tickMs).unref();
    },
    delete(target) {
      targets.delete(target);
      if (targets.size > 0 || !timer) return;
      clearInterval(timer);
      timer = undefined;
    },
    get size() {
      return targets.size;
    },
  };
}
