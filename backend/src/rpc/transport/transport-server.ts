/**
 * One port, both HTTP versions. Cleartext: each connection's first bytes tell HTTP/2 with prior
 * knowledge from HTTP/1.1 (sniff-preface.ts). With a certificate: TLS, ALPN offering http/1.1 and
 * h2 in that order, so a browser (which offers both) keeps HTTP/1.1 and everything the grid does
 * stays as it was, while gRPC clients (which offer only h2) get HTTP/2. Either way the connection
 * is handed to one HTTP/1.1 server (Express and the direct stream path) or one HTTP/2 server, after
 * the connection caps (connection-gate.ts). On HTTP/2 each raw stream is offered to `http2Stream`
 * first (the direct stream path); only what it leaves gets node:http2's compatibility
 * request/response pair and goes to `http2` (the Connect handlers).
 *
 * Sending a request is bounded in time on both versions, a stream's life is not: HTTP/1.1 by
 * node:http's headersTimeout and requestTimeout (which stop counting once the request is in),
 * HTTP/2 by a timer per stream that cancels one whose request is not in by then, and a connection
 * that sends no decisive first bytes (or, with TLS, finishes no handshake) by the same bound.
 */
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from "node:http";
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Session,
} from "node:http2";
import { createServer as createNetServer, type Server, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import type { IncomingMessage } from "node:http";
import type { Logger } from "../../log.js";
import { ConnectionGate, type ConnectionLimits, type GateRefusal } from "./connection-gate.js";
import { createHttp2Refuser, refuseHttp1 } from "./refuse-connection.js";
import { offerStreamsFirst, type Http2StreamListener } from "./offer-streams-first.js";
import { sniffPreface } from "./sniff-preface.js";

/** TransportLimits: the connection caps and the time a client has to send a request. */
export interface TransportLimits extends ConnectionLimits {
  /** requestTimeoutMs bounds sending a request (head and body), never the response (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
}

/** Http2Listener serves one HTTP/2 request through node:http2's compatibility API. */
export type Http2Listener = (req: Http2ServerRequest, res: Http2ServerResponse) => void;

/** TransportOptions: what serves each version, and how the port is secured and bounded. */
export interface TransportOptions {
  http1: RequestListener;
  http2: Http2Listener;
  /** http2Stream, when set, is offered every HTTP/2 stream first (see Http2StreamListener). */
  http2Stream?: Http2StreamListener;
  /** upgrade hears HTTP/1.1 upgrade requests (the look-alike's live socket); unset destroys them. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** tls, when set, serves TLS only (TLS_CERT, TLS_KEY): PEM contents, not paths. */
  tls?: { cert: Buffer; key: Buffer };
  limits: TransportLimits;
  logger: Logger;
}

/** TransportServer is the port: `server` is what to listen with; `close` is the transport's half of shutdown. */
export interface TransportServer {
  server: Server;
  /** connections counts the connections holding a slot now. */
  readonly connections: number;
  /**
   * close stops accepting, closes idle HTTP/1.1 connections, sends HTTP/2 sessions GOAWAY (their
   * open streams may finish), and after `graceMs` destroys what is left; resolves once all closed.
   */
  close(graceMs: number): Promise<void>;
}

/** createTransport builds the port's servers; nothing listens until the caller calls `server.listen`. */
export function createTransport(options: TransportOptions): TransportServer {
  const { limits, logger } = options;
  const gate = new ConnectionGate(limits);
  const refuser = createHttp2Refuser();
  const http1: HttpServer = createHttpServer({
    headersTimeout: limits.requestTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // node:http checks those bounds on this period (default 30 s): keep it a fraction of the bound.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.requestTimeoutMs / 4)),
  }, options.http1);
  // node:http tracks connections (the request timeouts, closeIdleConnections) from its 'listening'
  // event. This server never listens itself (the port's own server hands it sockets), so start
  // that tracking here; transport-server.test.ts fails if a Node upgrade changes this.
  http1.emit("listening");
  http1.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.upgrade) options.upgrade(req, socket, head);
    else socket.destroy();
  });
  const http2 = createHttp2Server({}, options.http2);
  offerStreamsFirst(http2, options.http2Stream);
  const sessions = new Set<ServerHttp2Session>();
  http2.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  http2.on("stream", (stream) => {
    // Cancel a stream whose request is not in by the bound; one that is in may live as long as it likes.
    const timer = setTimeout(() => {
      logger.warn("request.timeout", { http: "2", limitMs: limits.requestTimeoutMs });
      stream.close(0x8 /* CANCEL */);
    }, limits.requestTimeoutMs);
    // Once the request is in, nothing of this stays on the stream: an idle stream holds no timer.
    const done = () => {
      clearTimeout(timer);
      stream.off("end", done).off("close", done);
    };
    stream.once("end", done);
    stream.once("close", done);
  });

  const hand = (socket: Socket, http2Wanted: boolean, head: Buffer | undefined, refusal: GateRefusal | undefined) => {
    if (refusal) {
      logger.warn("connection.refused", { limit: refusal.limit, open: gate.open });
      if (http2Wanted) {
        if (head) socket.unshift(head);
        refuser.refuse(socket, refusal);
      } else refuseHttp1(socket, refusal);
      return;
    }
    if (http2Wanted) {
      if (head) socket.unshift(head);
      http2.emit("connection", socket);
    } else {
      http1.emit("connection", socket);
      // node:http reads the socket's handle directly: bytes already read go to it as data.
      if (head) socket.emit("data", head);
    }
  };

  const admit = (socket: Socket): GateRefusal | undefined => {
    const slot = gate.admit(socket.remoteAddress ?? "unknown");
    if ("refusal" in slot) return slot.refusal;
    socket.once("close", slot.release);
    return undefined;
  };

  let server: Server;
  if (options.tls) {
    server = createTlsServer({
      cert: options.tls.cert,
      key: options.tls.key,
      ALPNProtocols: ["http/1.1", "h2"],
      handshakeTimeout: limits.requestTimeoutMs,
    }, (socket: TLSSocket) => hand(socket, socket.alpnProtocol === "h2", undefined, admit(socket)));
  } else {
    server = createNetServer((socket) => {
      const refusal = admit(socket);
      void sniffPreface(socket, limits.requestTimeoutMs).then((sniffed) => {
        if (!sniffed) socket.destroy();
        else hand(socket, sniffed.http2, sniffed.head, refusal);
      });
    });
  }

  return {
    server,
    get connections() {
      return gate.open;
    },
    close(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      http1.closeIdleConnections();
      for (const session of sessions) session.close();
      const force = setTimeout(() => {
        http1.closeAllConnections();
        for (const session of sessions) session.destroy();
        refuser.close();
      }, graceMs);
      force.unref();
      return closed.finally(() => {
        clearTimeout(force);
        refuser.close();
        // Stops node:http's connection checks (the server itself never listened: nothing else to close).
        http1.close(() => undefined);
      });
    },
  };
}
