/**
 * A stream session served through Connect's handler pipeline: the first message is yielded to
 * Connect, so Connect writes the response headers, and setup errors become proper Connect, gRPC
 * or gRPC-Web errors. Then the handler parks on one promise while the session pushes frames
 * straight to the response; when that ends, the handler returns or throws and Connect writes the
 * end of stream. Requests the direct path leaves alone (foreign origins answered by CORS) come here.
 */
import { ConnectError, type HandlerContext } from "@connectrpc/connect";
import { clientKey, responseKey, socketKey } from "./client-context.js";
import { releaseOnAbort, throwIfShuttingDown } from "./stream-end.js";
import type { StreamSessions, StreamSpec } from "../engine/stream-session.js";
import { wireFormatOf } from "../engine/wire-format.js";

/** serveThroughConnect is the whole body of a Connect server-streaming handler: `yield* serveThroughConnect(…)`. */
export async function* serveThroughConnect<T>(sessions: StreamSessions, spec: StreamSpec<T>, context: HandlerContext): AsyncGenerator<T> {
  const session = await sessions.open(spec, { client: context.values.get(clientKey), socket: context.values.get(socketKey) });
  const release = releaseOnAbort(context, () => session.release(context.signal.aborted));
  try {
    const sink = context.values.get(responseKey);
    if (!sink) throw new ConnectError("stream response missing from the context values: see client-context.ts");
    yield session.takeHead();
    throwIfShuttingDown(context);
    if (context.signal.aborted) return;
    const encoder = sessions.encoder(spec.method, wireFormatOf(context));
    const error = await new Promise<ConnectError | undefined>((resolve) => session.run(sink, encoder, { bodyEnded: resolve }));
    if (error) throw error;
    throwIfShuttingDown(context);
  } finally {
    release();
  }
}
