/**
 * What a stream's body (push-stream.ts) borrows and whom it tells when it ends: the process's
 * shared parts, its session's per-stream parts, and its owner. Borrowed by reference, so a body
 * at rest holds no options object of its own.
 */
import type { ConnectError } from "@connectrpc/connect";
import type { HubEvent } from "../../hub/events.js";
import type { Subscriber } from "../../hub/hub.js";
import type { EncodeBudget } from "./encode-budget.js";
import type { HeartbeatSchedule } from "./heartbeat-schedule.js";
import type { StreamWrites } from "./stall-guard.js";
import type { WriteBatch } from "./write-batch.js";

/** PushShared are the parts every stream's body shares: one object per process. */
export interface PushShared {
  batch: WriteBatch;
  /** budget bounds the encoding of one turn, shared by every stream. */
  budget: Pick<EncodeBudget, "exhausted" | "next">;
  heartbeats: HeartbeatSchedule;
  /** quoteSent hears of every quote written (for metrics); must be cheap. */
  quoteSent?: (observedAt: Date) => void;
}

/** PushParts are what a body borrows from its stream's session; it owns none of them and closes none. */
export interface PushParts {
  readonly shared: PushShared;
  readonly subscriber: Subscriber;
  /** writes tells the stall guard when the client is behind and when it caught up. */
  readonly writes: StreamWrites;
  /** refuse, when it returns an error for an event, ends the stream with it instead of sending it. */
  readonly refuse: ((event: HubEvent) => ConnectError | undefined) | undefined;
}

/**
 * BodyEnded hears once, a microtask after the body ended, how the stream should end: with the
 * error to end it with, or undefined for OK. An object, not a callback, so that a stream can be
 * its own listener without a closure per stream.
 */
export interface BodyEnded {
  bodyEnded(error: ConnectError | undefined): void;
}
