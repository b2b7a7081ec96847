/**
 * Tells HTTP/2 with prior knowledge (h2c, what gRPC clients send without TLS) from HTTP/1.1 on one
 * cleartext port by the first bytes a client sends: an HTTP/2 connection opens with the fixed
 * preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` (RFC 9113 §3.4), which no HTTP/1.1 request starts with.
 */
import type { Socket } from "node:net";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

/** Sniffed is what the first bytes said, and the bytes themselves, to hand on with the socket. */
export interface Sniffed {
  http2: boolean;
  head: Buffer;
}

/**
 * sniffPreface reads until the bytes decide the version: as soon as they stop matching the preface
 * (HTTP/1.1), or once the whole preface is in (HTTP/2). It resolves undefined when the client
 * closes, errs or sends nothing decisive within `timeoutMs`; the caller then drops the socket.
 * The socket is left paused, with nothing listening to its data.
 */
export function sniffPreface(socket: Socket, timeoutMs: number): Promise<Sniffed | undefined> {
  return new Promise((resolve) => {
    let head: Buffer = Buffer.alloc(0);
    const done = (result: Sniffed | undefined) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onGone);
      socket.off("error", onGone);
      socket.pause();
      resolve(result);
    };
    const onGone = () => done(undefined);
    const onData = (chunk: Buffer) => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const n = Math.min(head.length, PREFACE.length);
      const matches = head.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (!matches) done({ http2: false, head });
      else if (head.length >= PREFACE.length) done({ http2: true, head });
    };
    const timer = setTimeout(onGone, timeoutMs);
    socket.on("data", onData);
    socket.once("close", onGone);
    socket.once("error", onGone);
  });
}
