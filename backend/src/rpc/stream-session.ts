/**
 * A server stream's life apart from what it carries: its slot under the per-client cap, its hub
 * subscriber, the stall guard, the push-driven body, and one release of all of them, whether the
 * stream ends by itself, by an error, by its client going away, by a stall or by shutdown.
 *
 * The head goes through Connect: the first message is yielded to it, so Connect writes the
 * response headers, and setup errors become proper Connect, gRPC or gRPC-Web errors. After that
 * the handler parks on one promise while a PushStream writes pre-encoded frames straight to the
 * response; when that ends, the handler returns or throws and Connect writes the end of stream
 * (trailers, or the error). Nothing else writes to the response in between, so frames and the
 * end of stream stay in order.
 */
import { ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { DescMethodServerStreaming } from "@bufbuild/protobuf";
import type { HubEvent } from "../hub/events.js";
import type { Hub, Subscriber } from "../hub/hub.js";
import type { Logger } from "../log.js";
import { clientKey, responseKey, socketKey } from "./client-context.js";
import { withErrors } from "./errors.js";
import type { FrameCache } from "./frame-cache.js";
import type { HeartbeatSchedule } from "./heartbeat-schedule.js";
import { PushStream } from "./push-stream.js";
import { releaseOnAbort, throwIfShuttingDown } from "./stream-end.js";
import type { StallGuard } from "./stall-guard.js";
import type { ClientStreamLimits } from "./stream-limits.js";
import { wireFormatOf } from "./wire-format.js";
import type { WriteBatch } from "./write-batch.js";

/** StreamSessionsOptions are the shared parts every stream session uses. */
export interface StreamSessionsOptions {
  hub: Hub;
  logger: Logger;
  limits: ClientStreamLimits;
  stalls: StallGuard;
  frames: FrameCache;
  heartbeats: HeartbeatSchedule;
  batch: WriteBatch;
  /** quoteSent hears of every quote written to a client (for metrics); must be cheap. */
  quoteSent?: (observedAt: Date) => void;
}

/** StreamSpec is what one RPC adds to a session. */
export interface StreamSpec<T> {
  method: DescMethodServerStreaming;
  context: HandlerContext;
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

/** StreamSessions runs server streams over shared parts. */
export interface StreamSessions {
  /** serve is the whole body of a server-streaming handler: `yield* sessions.serve(spec)`. */
  serve<T>(spec: StreamSpec<T>): AsyncGenerator<T>;
}

/** createStreamSessions makes the process's stream runner. */
export function createStreamSessions(options: StreamSessionsOptions): StreamSessions {
  const { hub, logger, limits, stalls } = options;
  return {
    async *serve<T>(spec: StreamSpec<T>): AsyncGenerator<T> {
      const { context, label } = spec;
      const client = context.values.get(clientKey);
      const releaseSlot = await withErrors(logger, () => limits.acquire(client));
      let subscriber: Subscriber;
      try {
        subscriber = await withErrors(logger, () => hub.subscribe());
      } catch (error) {
        releaseSlot();
        throw error;
      }
      const writes = stalls.guard(context.values.get(socketKey), JSON.stringify(label));
      let body: PushStream | undefined;
      const release = releaseOnAbort(context, () => {
        body?.end();
        writes.done();
        spec.onRelease?.();
        subscriber.close();
        releaseSlot();
        logger.info("stream.ended", { ...label, aborted: context.signal.aborted });
      });
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
        logger.info("stream.opened", { ...label, client, symbols: subscriber.symbols() });
        const sink = context.values.get(responseKey);
        if (!sink) throw new ConnectError("stream response missing from the context values: see client-context.ts");
        yield head;
        throwIfShuttingDown(context);
        if (context.signal.aborted) return;
        body = new PushStream({
          sink,
          subscriber,
          encoder: options.frames.encoder(spec.method, wireFormatOf(context)),
          batch: options.batch,
          heartbeats: options.heartbeats,
          writes,
          refuse: spec.refuse,
          quoteSent: options.quoteSent,
        });
        body.start(pending);
        const error = await body.done;
        if (error) throw error;
        throwIfShuttingDown(context);
      } finally {
        release();
      }
    },
  };
}
