/** What handlers know of the HTTP connection under a call, put there by the Express adapter. */
import type { Socket } from "node:net";
import { createContextKey, createContextValues, type ContextValues } from "@connectrpc/connect";
import type { Request } from "express";
import type { FrameSink } from "../engine/write-batch.js";

/** clientKey names the caller for per-client limits: its address. */
export const clientKey = createContextKey<string>("unknown", { description: "client address" });

/** socketKey lets the stall guard cut a client that stopped reading. */
export const socketKey = createContextKey<Socket | undefined>(undefined, { description: "client socket" });

/**
 * responseKey is the call's HTTP response: after Connect has sent a stream's head, the stream
 * writes its pre-encoded frames straight to it (see stream-session.ts).
 */
export const responseKey = createContextKey<FrameSink | undefined>(undefined, { description: "HTTP response" });

/** clientContext fills the keys from an Express request (connect-express `contextValues`). */
export function clientContext(req: Request): ContextValues {
  return createContextValues()
    .set(clientKey, req.socket.remoteAddress ?? "unknown")
    .set(socketKey, req.socket)
    .set(responseKey, req.res);
}
