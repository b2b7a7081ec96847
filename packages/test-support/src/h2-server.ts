/**
 * A cleartext HTTP/2 (h2c) server on 127.0.0.1, port 0, serving Connect routes through connect-node's
 * `connectNodeAdapter`: Connect, gRPC and gRPC-Web, as gRPC clients and `buf curl` reach them.
 * For tests of services over HTTP/2 before and besides the real server's own transport.
 */
import { createServer, type Http2Server, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter, type ConnectNodeAdapterOptions } from "@connectrpc/connect-node";

/** H2Server is listening; whoever starts it must `close()` it. */
export interface H2Server {
  /** baseUrl is `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** address is `127.0.0.1:<port>`, as gRPC clients take it. */
  readonly address: string;
  /** shutdown aborts the adapter's shutdown signal: open handlers see their signal abort. */
  shutdown(reason?: unknown): void;
  /** close ends every session and the server. Idempotent. */
  close(): Promise<void>;
}

/** startH2Server serves `options` (routes, interceptors, limits) over h2c until closed. */
export async function startH2Server(options: Omit<ConnectNodeAdapterOptions, "shutdownSignal">): Promise<H2Server> {
  const stop = new AbortController();
  const server: Http2Server = createServer(connectNodeAdapter({ ...options, shutdownSignal: stop.signal }));
  const sessions = new Set<Http2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    shutdown: (reason) => stop.abort(reason),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        stop.abort();
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      })),
  };
}
