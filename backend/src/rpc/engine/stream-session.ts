/**
 * A server stream's life apart from what it carries and how it is framed: its slot under the
 * per-client cap, its hub subscriber, the stall guard, the push-driven body, and one release of
 * all of them, whether the stream ends by itself, by an error, by its client going away, by a
 * stall or by shutdown. Both ways of serving a stream use it: through Connect
 * (../connect/connect-stream.ts) and directly on node:http or node:http2 (../direct/direct-handler.ts). Either one
 * sends the head, then has `run` push pre-encoded frames straight to the response, then writes the
 * end of stream once the body has ended: nothing else writes to the response in between, so
 * frames and the end stay in order. This file opens a stream; open-session.ts is what it holds
 * once open, and its release.
 */
import type { ConnectError } from "@connectrpc/connect";
import type { DescMethodServerStreaming } from "@bufbuild/protobuf";
import type { HubEvent } from "../../hub/events.js";
import type { Hub, Subscriber } from "../../hub/hub.js";
import type { Logger } from "../../log.js";
import type { EncodeBudget } from "./encode-budget.js";
import { withErrors } from "../errors.js";
import type { FrameCache, FrameEncoder } from "./frame-cache.js";
import type { HeartbeatSchedule } from "./heartbeat-schedule.js";
import { Session, type OpenSession } from "./open-session.js";
import type { Cuttable, StallGuard } from "./stall-guard.js";
import type { ClientStreamLimits } from "./stream-limits.js";
import type { ClientQuotas } from "./client-quotas.js";
import { quotaSubscriber } from "./quota-subscriber.js";
import type { WireFormat } from "./wire-format.js";
import type { WriteBatch } from "./write-batch.js";

/** StreamSessionsOptions are the shared parts every stream session uses. */
export interface StreamSessionsOptions {
  hub: Hub;
  logger: Logger;
  limits: ClientStreamLimits;
  /** quotas bound the symbols a client holds and the pages it opens (client-quotas.ts). */
  quotas: ClientQuotas;
  stalls: StallGuard;
  frames: FrameCache;
  /** budget is the one the frame cache spends: streams wait on it when a turn's encoding is spent. */
  budget: EncodeBudget;
  heartbeats: HeartbeatSchedule;
  batch: WriteBatch;
  /** quoteSent hears of every quote written to a client (for metrics); must be cheap. */
  quoteSent?: (observedAt: Date) => void;
}

/** StreamSpec is what one RPC adds to a session. */
export interface StreamSpec<T> {
  method: DescMethodServerStreaming;
  /** label names the stream in logs. */
  label: Record<string, unknown>;
  /** setup fills the subscriber; it may throw (bad input, limits) and then nothing is held. */
  setup(subscriber: Subscriber): void;
  /**
   * first makes the stream's first message; `pending` holds the events setup produced (state and
   * cached quote first), and first takes out of it what the message carries.
   */
  first(subscriber: Subscriber, pending: HubEvent[]): T;
  /** refuse, when it returns an error for an event, ends the stream with that error. */
  refuse?: (event: HubEvent) => ConnectError | undefined;
  /** onRelease runs once when the stream ends, before the subscriber closes. */
  onRelease?: () => void;
}

/** StreamPeer is who a stream serves: its client's address (for the cap) and its socket (for the stall guard). */
export interface StreamPeer {
  client: string;
  socket: Cuttable | undefined;
}

/** StreamSessions runs server streams over shared parts. */
export interface StreamSessions {
  /**
   * open takes a slot, subscribes and makes the first message.
   * @throws ConnectError (mapped by withErrors) when setup fails; then nothing is held.
   */
  open<T>(spec: StreamSpec<T>, peer: StreamPeer): Promise<OpenSession<T>>;
  /** encoder frames `method`'s messages in `format`, shared with every stream of that pair. */
  encoder(method: DescMethodServerStreaming, format: WireFormat): FrameEncoder;
}

/** createStreamSessions makes the process's stream runner. */
export function createStreamSessions(options: StreamSessionsOptions): StreamSessions {
  const { hub, logger, limits, stalls } = options;
  const open = async <T>(spec: StreamSpec<T>, peer: StreamPeer): Promise<OpenSession<T>> => {
    const { label } = spec;
    const { client } = peer;
    await withErrors(logger, () => limits.take(client));
    let subscriber: Subscriber;
    try {
      // Specs see the quota's subscriber, so every add (setup, UpdateWatch) counts against it.
      subscriber = await withErrors(logger, () => quotaSubscriber(hub.subscribe(), options.quotas.forStream(client), hub.opensPage));
    } catch (error) {
      limits.free(client);
      throw error;
    }
    // The session keeps of the spec only what it needs after opening: its label, refuse and onRelease.
    const session = new Session<T>(options, client, subscriber, stalls.guard(peer.socket, label), label, spec.refuse, spec.onRelease);
    try {
      const pending: HubEvent[] = [];
      const head = await withErrors(logger, () => {
        spec.setup(subscriber);
        pending.push(...subscriber.takePending());
        for (const event of pending) {
          const error = spec.refuse?.(event);
          if (error) throw error;
        }
        return spec.first(subscriber, pending);
      });
      session.opened(head, pending);
      logger.info("stream.opened", { ...label, client, symbols: subscriber.symbols() });
      return session;
    } catch (error) {
      session.release(false);
      throw error;
    }
  };
  return { open, encoder: (method, format) => options.frames.encoder(method, format) };
}
