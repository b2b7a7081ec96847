/**
 * The loop every server stream runs: wait for hub events, and when the stream has been idle for
 * `heartbeatMs`, say so, so that proxies keep it open and clients can tell quiet from dead.
 */
import type { HubEvent } from "../hub/events.js";
import type { Subscriber } from "../hub/hub.js";

export type StreamItem = HubEvent | { readonly kind: "heartbeat" };

const heartbeat: StreamItem = { kind: "heartbeat" };

/**
 * events yields what `subscriber` receives until `signal` aborts or the subscriber closes. It
 * does not close the subscriber: its caller owns it.
 */
export async function* events(
  subscriber: Subscriber,
  signal: AbortSignal,
  heartbeatMs: number,
): AsyncGenerator<StreamItem> {
  while (!signal.aborted && !subscriber.closed) {
    const batch = await subscriber.next(signal, heartbeatMs);
    if (batch.length > 0) yield* batch;
    else if (!signal.aborted && !subscriber.closed) yield heartbeat;
  }
}
