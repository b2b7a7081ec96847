/**
 * What the direct path reads of one request, on either HTTP version: a node:http request and its
 * response, or a raw node:http2 stream and its header block. Both become one DirectRequest, so
 * the routing, origin and call rules in direct-handler.ts are written once for both versions.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { IncomingHttpHeaders as Http2Headers, ServerHttp2Stream } from "node:http2";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import type { Cuttable } from "../engine/stall-guard.js";
import { Http1Sink, Http2Sink, type ResponseSink } from "./response-sink.js";

/** DirectRequest is one request as the direct path sees it, before it decides whether to take it. */
export interface DirectRequest {
  /** method and path as sent (`:method`, `:path` on HTTP/2); the query is not cut off yet. */
  method: string | undefined;
  path: string | undefined;
  /** origin is the Origin header, when a browser sent one. */
  origin: string | undefined;
  /** ownOrigin is this server's origin as the request names it (scheme and Host or `:authority`). */
  ownOrigin: string;
  /** headers in lower case, as both node:http and node:http2 give them. */
  headers: IncomingHttpHeaders;
  /** socket is the connection, for clientOf (its address); shared by every stream of an HTTP/2 connection. */
  socket: Socket;
  /** body is the request body to read. */
  body: Readable;
  /** cuttable is what the stall guard ends: the HTTP/1.1 socket, or the HTTP/2 stream alone. */
  cuttable: Cuttable;
  /** sink is where the answer goes; call it only once the request is taken. */
  sink(): ResponseSink;
}

const ownOrigin = (socket: Socket, host: string | undefined) => `${"encrypted" in socket ? "https" : "http"}://${host ?? ""}`;

/** http1Request views a node:http request. */
export function http1Request(req: IncomingMessage, res: ServerResponse): DirectRequest {
  return {
    method: req.method,
    path: req.url,
    origin: req.headers.origin,
    ownOrigin: ownOrigin(req.socket, req.headers.host),
    headers: req.headers,
    socket: req.socket,
    body: req,
    cuttable: req.socket,
    sink: () => new Http1Sink(res, req.socket),
  };
}

/**
 * http2Request views a raw HTTP/2 stream, or undefined when its session is already gone (the
 * stream is then dead too, and whoever takes it next finds that out).
 */
export function http2Request(stream: ServerHttp2Stream, headers: Http2Headers): DirectRequest | undefined {
  const socket = stream.session?.socket;
  if (!socket) return undefined;
  const host = headers[":authority"] ?? headers.host;
  return {
    method: headers[":method"],
    path: headers[":path"],
    origin: headers.origin,
    ownOrigin: ownOrigin(socket, host),
    headers,
    socket,
    body: stream,
    cuttable: stream,
    sink: () => new Http2Sink(stream),
  };
}
