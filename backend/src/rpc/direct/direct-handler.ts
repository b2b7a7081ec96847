/**
 * Server streams served directly, in front of Express and Connect: on HTTP/1.1 from node:http's
 * request, on HTTP/2 from node:http2's raw stream (no compatibility request/response pair). A
 * request for a known server-streaming method, POSTed with a Content-Type one of the three
 * protocols serves, from a non-browser client or the server's own origin, is read, checked and
 * streamed here with the same sessions, call rules (call-rules.ts) and error mapping as through
 * Connect, whichever HTTP version carried it. At rest a stream holds no Connect handler pipeline,
 * abort signal or Express state (see direct-stream.ts). Anything else (GET, other content types,
 * foreign origins that need CORS, unary methods) is left to Express or the Connect adapter, untouched.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { IncomingHttpHeaders as Http2Headers, ServerHttp2Stream } from "node:http2";
import { Code, ConnectError } from "@connectrpc/connect";
import { compressionNegotiate, createMethodSerializationLookup, type Compression } from "../engine/connect-internals.js";
import type { Logger } from "../../log.js";
import { clientOf } from "../access.js";
import type { CallRules } from "../call-rules.js";
import { SHUTDOWN_MESSAGE, withErrors } from "../errors.js";
import type { StreamMethod } from "../engine/stream-method.js";
import type { OpenSession } from "../engine/open-session.js";
import type { StreamSessions } from "../engine/stream-session.js";
import { deadlineExceeded, DirectStream } from "./direct-stream.js";
import { http1Request, http2Request, type DirectRequest } from "./direct-request.js";
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
  /**
   * handleHttp2 serves one raw HTTP/2 stream (node:http2's 'stream' event) and returns true, or
   * returns false having read and written nothing, for the compatibility API to serve.
   */
  handleHttp2(stream: ServerHttp2Stream, headers: Http2Headers): boolean;
  /** open counts the direct streams open now (past their head). */
  readonly open: number;
  /** taken counts the requests the direct path took so far, refused ones included. */
  readonly taken: number;
}

const ignore = () => undefined;

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
  const shutdownError = () => new ConnectError(SHUTDOWN_MESSAGE, Code.Unavailable);
  shutdown.addEventListener("abort", () => {
    for (const stream of [...streams]) stream.finish(shutdownError(), true);
  }, { once: true });

  const serve = async (req: DirectRequest, route: StreamMethod, negotiated: NonNullable<ReturnType<typeof negotiate>>) => {
    const { protocol, binary } = negotiated;
    const started = Date.now();
    const sink = req.sink();
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
        const request = await readRequest(req.body, {
          compression: compression.request,
          serialization: lookups.get(route)!.getI(binary),
          endFlag: protocol.requestEndFlag,
          readMaxBytes: options.readMaxBytes,
        });
        return sessions.open(await route.spec(request), { client: clientOf(req, options.trustedProxy), socket: req.cuttable });
      });
    } catch (error) {
      rules.refused(route.method, error);
      const refusal = ConnectError.from(error);
      if (refusal.code !== Code.Aborted && !sink.gone) protocol.end(sink, head, encoder.envelope, refusal);
      return;
    }
    const deadline = timeout.timeoutMs === undefined ? undefined : started + timeout.timeoutMs;
    if (sink.gone || shutdown.aborted || (deadline !== undefined && Date.now() >= deadline)) {
      // Cut while it was being opened: the client left, the server is stopping, or time ran out.
      session.release(true);
      if (!sink.gone) protocol.end(sink, head, encoder.envelope, shutdown.aborted ? shutdownError() : deadlineExceeded());
      return;
    }
    protocol.start(sink, head);
    sink.write(encoder.message(session.takeHead()));
    streams.add(new DirectStream({ sink, session, protocol, encoder, registry: streams }, deadline));
  };

  /** take serves `req` when it is the direct path's to serve; see the file header. */
  const take = (req: DirectRequest, cut: () => void): boolean => {
    if (req.method !== "POST") return false;
    const route = routes.get(req.path?.split("?", 1)[0] ?? "");
    if (!route) return false;
    if (req.origin !== undefined && req.origin !== req.ownOrigin) return false;
    const negotiated = negotiate(req.headers["content-type"]);
    if (!negotiated) return false;
    taken += 1;
    serve(req, route, negotiated).catch((error: unknown) => {
      // A bug, not a refusal: say so, and drop the stream rather than leave the client waiting.
      logger.error("stream.direct_failed", { error, stack: error instanceof Error ? error.stack : undefined });
      cut();
    });
    return true;
  };

  return {
    handle(req, res) {
      // Most HTTP/1.1 requests are the grid's GETs: turn them away before making a view of them.
      return req.method === "POST" && take(http1Request(req, res), () => req.socket.destroy());
    },
    handleHttp2(stream, headers) {
      const req = http2Request(stream, headers);
      // Closing the stream alone (RST_STREAM) leaves the other streams of its connection alone.
      if (req === undefined || !take(req, () => stream.close(0x2 /* INTERNAL_ERROR */))) return false;
      // A reset or a broken connection errors the stream: its 'close' ends it (direct-stream.ts); unheard, the error would throw.
      stream.on("error", ignore);
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
