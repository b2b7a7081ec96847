/** What handlers know of the HTTP connection under a call, put there by the Express adapter. */
import type { Socket } from "node:net";
import { createContextKey, createContextValues, type ContextValues } from "@connectrpc/connect";
import type { Request } from "express";
import { clientOf } from "../access.js";
import type { FrameSink } from "../engine/write-batch.js";

/** clientKey names the caller for per-client limits: its address, or its IPv6 /64 (clientOf). */
export const clientKey = createContextKey<string>("unknown", { description: "client address" });

/** socketKey lets the stall guard cut a client that stopped reading. */
export const socketKey = createContextKey<Socket | undefined>(undefined, { description: "client socket" });

/**
 * responseKey is the call's HTTP response: after Connect has sent a stream's head, the stream
 * writes its pre-encoded frames straight to it (see stream-session.ts).
 */
export const responseKey = createContextKey<FrameSink | undefined>(undefined, { description: "HTTP response" });

/**
 * clientContext makes the function that fills the keys from an Express request (connect-express
 * `contextValues`); the client is named by access.ts's clientOf, as on the direct path.
 */
export function clientContext(trustedProxy: boolean): (req: Request) => ContextValues {
  return (req) =>
    createContextValues()
      .set(clientKey, clientOf(req, trustedProxy))
      .set(socketKey, req.socket)
      .set(responseKey, req.res);
}
