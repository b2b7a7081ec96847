/** What handlers know of the HTTP connection under a call, put there by the Express or HTTP/2 adapter. */
import { ServerResponse, type IncomingMessage } from "node:http";
import { Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createContextKey, createContextValues, type ContextValues } from "@connectrpc/connect";
import type { Cuttable } from "../engine/stall-guard.js";
import { clientOf } from "../access.js";
import type { FrameSink } from "../engine/write-batch.js";

/** clientKey names the caller for per-client limits: its address, or its IPv6 /64 (clientOf). */
export const clientKey = createContextKey<string>("unknown", { description: "client address" });

/**
 * socketKey is what the stall guard cuts when a client stopped reading: the HTTP/1.1 socket, or the
 * HTTP/2 stream alone (cutting its connection would end every other stream on it).
 */
export const socketKey = createContextKey<Cuttable | undefined>(undefined, { description: "client socket or stream" });

/**
 * responseKey is the call's HTTP response: after Connect has sent a stream's head, the stream
 * writes its pre-encoded frames straight to it (see stream-session.ts).
 */
export const responseKey = createContextKey<FrameSink | undefined>(undefined, { description: "HTTP response" });

/** node:http2's compatibility request does not point at its response: the HTTP/2 listener records it here. */
const http2Responses = new WeakMap<Http2ServerRequest, Http2ServerResponse>();

/** rememberResponse lets clientContext find `req`'s response; call it before handing `req` to Connect. */
export function rememberResponse(req: Http2ServerRequest, res: Http2ServerResponse): void {
  http2Responses.set(req, res);
}

/** Express puts a request's response on it as `res`. */
const expressResponse = (req: IncomingMessage): ServerResponse | undefined =>
  "res" in req && req.res instanceof ServerResponse ? req.res : undefined;

/**
 * clientContext makes the function that fills the keys from an Express request or an HTTP/2 one
 * (the adapters' `contextValues`); the client is named by access.ts's clientOf, as on the direct path.
 */
export function clientContext(trustedProxy: boolean): (req: IncomingMessage | Http2ServerRequest) => ContextValues {
  return (req) => {
    if (req instanceof Http2ServerRequest) {
      return createContextValues()
        .set(clientKey, clientOf(req, trustedProxy))
        .set(socketKey, req.stream)
        .set(responseKey, http2Responses.get(req));
    }
    return createContextValues()
      .set(clientKey, clientOf(req, trustedProxy))
      .set(socketKey, req.socket)
      .set(responseKey, expressResponse(req));
  };
}
