/**
 * The HTTP/2 half of "one serving path per RPC": each raw stream is offered to the direct stream
 * path before node:http2's compatibility API wraps it in a request/response pair for Connect.
 */
import type { Http2Server, IncomingHttpHeaders as Http2Headers, ServerHttp2Stream } from "node:http2";

/**
 * Http2StreamListener is offered each raw HTTP/2 stream before the compatibility API: true when it
 * took the stream (and will answer it), false having read and written nothing.
 */
export type Http2StreamListener = (stream: ServerHttp2Stream, headers: Http2Headers) => boolean;

/**
 * offerStreamsFirst puts `take` in front of node:http2's compatibility layer. Node builds a
 * request/response pair for every stream from a 'stream' listener it adds with the 'request'
 * listener; that listener is moved behind `take`, so a stream `take` serves never gets the pair
 * (its memory and its per-stream work are what the direct path saves). transport-server.test.ts
 * fails if a Node upgrade stops adding that one listener.
 */
export function offerStreamsFirst(server: Http2Server, take: Http2StreamListener | undefined): void {
  if (!take) return;
  const compat = server.listeners("stream") as ((...args: unknown[]) => void)[];
  if (compat.length !== 1) throw new Error(`node:http2 compatibility layer not found (${compat.length} 'stream' listeners): see offer-streams-first.ts`);
  server.removeAllListeners("stream");
  const serveCompat = compat[0]!;
  server.on("stream", (stream: ServerHttp2Stream, headers: Http2Headers, ...rest: unknown[]) => {
    if (!take(stream, headers)) serveCompat.call(server, stream, headers, ...rest);
  });
}
