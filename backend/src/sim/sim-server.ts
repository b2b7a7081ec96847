/**
 * A stand-alone HTTP server for the look-alike, for tests that need a base URL and nothing else.
 */
import express from "express";
import { createServer } from "node:http";
import { createSimUpgrade } from "./live-stream.js";
import { createSimRouter } from "./sim-router.js";
import type { SimMarket } from "./sim-market.js";

/** SimServer is a running look-alike; its creator must close() it. */
export interface SimServer {
  /** baseUrl is where symbol pages live, e.g. `http://127.0.0.1:43123/sim` (no trailing "/"). */
  readonly baseUrl: string;
  /**
   * close stops listening and ends every open connection, live streams included, so it resolves
   * promptly. It leaves the market open: its owner closes it. Idempotent.
   */
  close(): Promise<void>;
}

/** startSimServer listens on `host` (default 127.0.0.1), port 0, with the router at `/sim`. */
export async function startSimServer(
  market: SimMarket,
  options: { host?: string } = {},
): Promise<SimServer> {
  const host = options.host ?? "127.0.0.1";
  const app = express();
  app.disable("x-powered-by");
  app.use("/sim", createSimRouter(market));
  const server = createServer(app);
  const upgrade = createSimUpgrade(market, "/sim");
  server.on("upgrade", (req, socket, head) => {
    if (!upgrade.handle(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") {
    server.close();
    throw new Error(`sim server has no TCP address: ${String(address)}`);
  }
  const hostInUrl = address.address.includes(":") ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://${hostInUrl}:${address.port}/sim`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        upgrade.close();
        server.close(() => resolve());
        // Live streams never end by themselves; without this close() would wait for the clients.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
