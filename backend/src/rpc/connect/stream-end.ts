/**
 * How every server stream of this server ends: its resources are released exactly once, the moment
 * its client goes away or the server shuts down, and a planned shutdown ends it UNAVAILABLE rather
 * than OK. PriceService's stream sessions and StatusService's activity stream share it.
 */
import { ConnectError, type HandlerContext } from "@connectrpc/connect";

/**
 * releaseOnAbort runs `release` once: when the stream's signal aborts (the client went away, or
 * the server is shutting down), or when the caller calls the returned function in `finally`.
 * Releasing on abort frees what the stream holds at once, even while its handler is still parked
 * in a write or a wait.
 */
export function releaseOnAbort(context: HandlerContext, release: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    context.signal.removeEventListener("abort", once);
    release();
  };
  context.signal.addEventListener("abort", once);
  return once;
}

/** A planned shutdown aborts handler signals with a ConnectError; send it instead of ending OK. */
export function throwIfShuttingDown(context: HandlerContext): void {
  if (context.signal.aborted && context.signal.reason instanceof ConnectError) throw context.signal.reason;
}
