/**
 * Server streams served directly on node:http, in front of Express and Connect: a request for a
 * known server-streaming method, POSTed with a Content-Type one of the three protocols serves,
 * from a non-browser client or the server's own origin, is read, checked and streamed here with
 * the same sessions, call rules (call-rules.ts) and error mapping as through Connect. At rest a
 * stream holds no Connect handler pipeline, abort signal or Express state (see direct-stream.ts).
 * Anything else (GET, other content types, foreign origins that need CORS, unary methods) is left
 * to Express and the Connect middleware, untouched.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { Code, ConnectError } from "@connectrpc/connect";
import { compressionNegotiate, createMethodSerializationLookup, type Compression } from "../engine/connect-internals.js";
import type { Logger } from "../../log.js";
import { clientOf } from "../access.js";
import type { CallRules } from "../call-rules.js";
import { SHUTDOWN_MESSAGE, withErrors } from "../errors.js";
import type { StreamMethod } from "../engine/stream-method.js";
import type { OpenSession, StreamSessions } from "../engine/stream-session.js";
import { deadlineExceeded, DirectStream } from "./direct-stream.js";
import { readRequest } from "./read-request.js";
import { negotiate } from "./wire-protocols.js";

/** DirectHandlerOptions: the parts shared with the Connect path. Nothing here is closed by the direct path. */
export interface DirectHandlerOptions {
  methods: readonly StreamMethod[];
  sessions: StreamSessions;
  logger: Logger;
  /** shutdown ends every open direct stream UNAVAILABLE, and refuses new ones the same way. */
  shutdown: AbortSignal;
  /** rules are the call rules the Connect handlers apply as interceptors (call-rules.ts). */
  rules: CallRules;
  /** compressions the server accepts and offers (connect-node's gzip and br, as the middleware). */
  compressions: readonly Compression[];
  readMaxBytes: number;
  /** trustedProxy names clients by X-Forwarded-For (access.ts's clientOf), as the Connect path does. */
  trustedProxy: boolean;
}

/** DirectHandler is the direct path: a request handler that takes what it serves and passes on the rest. */
export interface DirectHandler {
  /** handle serves `req` and returns true, or returns false having read and written nothing. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** open counts the direct streams open now (past their head). */
  readonly open: number;
  /** taken counts the requests the direct path took so far, refused ones included. */
  readonly taken: number;
}

/** createDirectHandler builds the direct path; one per server. */
export function createDirectHandler(options: DirectHandlerOptions): DirectHandler {
  const { sessions, logger, shutdown, rules } = options;
  const routes = new Map(options.methods.map((m) => [`/${m.method.parent.typeName}/${m.method.name}`, m]));
  const lookups = new Map(options.methods.map((m) => [m, createMethodSerializationLookup(m.method, undefined, undefined, {
    readMaxBytes: options.readMaxBytes,
    writeMaxBytes: 0xffffffff,
  })]));
  const streams = new Set<DirectStream>();
  let taken = 0;
  const ended = (stream: DirectStream) => streams.delete(stream);
  const shutdownError = () => new ConnectError(SHUTDOWN_MESSAGE, Code.Unavailable);
  shutdown.addEventListener("abort", () => {
    for (const stream of [...streams]) stream.finish(shutdownError(), true);
  }, { once: true });

  const serve = async (req: IncomingMessage, res: ServerResponse, route: StreamMethod, negotiated: NonNullable<ReturnType<typeof negotiate>>) => {
    const { protocol, binary } = negotiated;
    const started = Date.now();
    const compression = compressionNegotiate(
      [...options.compressions],
      req.headers[protocol.encodingHeader] as string | undefined ?? null,
      req.headers[protocol.acceptEncodingHeader] as string | undefined ?? null,
      protocol.acceptEncodingHeader,
    );
    const head: OutgoingHttpHeaders = { "content-type": protocol.contentType(binary) };
    if (compression.response) head[protocol.encodingHeader] = compression.response.name;
    const encoder = sessions.encoder(route.method, { binary, compression: compression.response?.name ?? "" });
    const timeout = protocol.parseTimeout(req.headers[protocol.timeoutHeader] as string | undefined ?? null);
    let session: OpenSession<unknown>;
    try {
      session = await withErrors(logger, async () => {
        if (shutdown.aborted) throw shutdownError();
        if (compression.error) throw compression.error;
        if (timeout.error) throw timeout.error;
        rules.check(route.method.parent.typeName, req.headers.authorization);
        const request = await readRequest(req, {
          compression: compression.request,
          serialization: lookups.get(route)!.getI(binary),
          endFlag: protocol.requestEndFlag,
          readMaxBytes: options.readMaxBytes,
        });
        return sessions.open(await route.spec(request), { client: clientOf(req, options.trustedProxy), socket: req.socket });
      });
    } catch (error) {
      rules.refused(route.method, error);
      const refusal = ConnectError.from(error);
      if (refusal.code !== Code.Aborted && !req.socket.destroyed) protocol.end(res, head, encoder.envelope, refusal);
      return;
    }
    const deadline = timeout.timeoutMs === undefined ? undefined : started + timeout.timeoutMs;
    if (req.socket.destroyed || shutdown.aborted || (deadline !== undefined && Date.now() >= deadline)) {
      // Cut while it was being opened: the client left, the server is stopping, or time ran out.
      session.release(true);
      if (!req.socket.destroyed) protocol.end(res, head, encoder.envelope, shutdown.aborted ? shutdownError() : deadlineExceeded());
      return;
    }
    res.writeHead(200, head);
    res.write(encoder.message(session.head));
    streams.add(new DirectStream({ res, session, protocol, head, encoder, ended }, deadline));
  };

  return {
    handle(req, res) {
      if (req.method !== "POST") return false;
      const route = routes.get(req.url?.split("?", 1)[0] ?? "");
      if (!route) return false;
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `${"encrypted" in req.socket ? "https" : "http"}://${req.headers.host}`) return false;
      const negotiated = negotiate(req.headers["content-type"]);
      if (!negotiated) return false;
      taken += 1;
      serve(req, res, route, negotiated).catch((error: unknown) => {
        // A bug, not a refusal: say so, and drop the connection rather than leave the client waiting.
        logger.error("stream.direct_failed", { error, stack: error instanceof Error ? error.stack : undefined });
        req.socket.destroy();
      });
      return true;
    },
    get open() {
      return streams.size;
    },
    get taken() {
      return taken;
    },
  };
}
