/**
 * A clear refusal for a connection over a cap, in the version the client speaks: HTTP/1.1 gets a
 * 503 with a JSON body and `Connection: close`; HTTP/2 gets each stream it opens answered with
 * `grpc-status: 14` (UNAVAILABLE) and the message (gRPC) or 503 and the JSON body (others), then
 * GOAWAY. Either way a Connect, gRPC or gRPC-Web client reports UNAVAILABLE with words that say
 * which limit and which setting.
 */
import { createServer as createHttp2Server, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { Socket } from "node:net";
import type { GateRefusal } from "./connection-gate.js";

const body = (refusal: GateRefusal) => JSON.stringify({ code: "unavailable", message: refusal.message });

/** refuseHttp1 answers the first request's bytes with a 503 and closes the connection. */
export function refuseHttp1(socket: Socket, refusal: GateRefusal): void {
  const text = body(refusal);
  socket.end(
    "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\n" +
      `content-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
  // Whatever the client sends next is not read: drop the socket once the answer is out.
  socket.once("finish", () => socket.destroySoon());
}

/** Http2Refuser answers HTTP/2 connections it is handed; one per transport. */
export interface Http2Refuser {
  refuse(socket: Socket, refusal: GateRefusal): void;
  /** close ends the sessions still being refused. */
  close(): void;
}

/** createHttp2Refuser makes an HTTP/2 server that never serves, only refuses. */
export function createHttp2Refuser(): Http2Refuser {
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2Server = createHttp2Server();
  // The server makes a connection's session synchronously in emit("connection"): this is its reason.
  let reason: GateRefusal = { limit: "overall", message: "connection refused" };
  server.on("session", (session) => {
    const refusal = reason;
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
    // A client that opens no stream soon goes with its session.
    session.setTimeout(1_000, () => session.destroy());
    session.on("stream", (stream, headers) => {
      const contentType = headers["content-type"] ?? "";
      if (contentType.startsWith("application/grpc")) {
        // gRPC clients read the status from a trailers-only answer, and only from one that says 200.
        stream.respond({
          ":status": 200,
          "content-type": contentType.split(";", 1)[0],
          "grpc-status": "14",
          "grpc-message": encodeURIComponent(refusal.message),
        }, { endStream: true });
      } else {
        stream.respond({ ":status": 503, "content-type": "application/json", "retry-after": "1" });
        stream.end(body(refusal));
      }
      session.close();
    });
  });
  return {
    refuse(socket, refusal) {
      reason = refusal;
      server.emit("connection", socket);
    },
    close() {
      for (const session of sessions) session.destroy();
    },
  };
}
