/**
 * `node --import tsx bench/floor/main.ts`: runs a floor server as a process of its own, so the
 * benchmark reads its CPU and memory from /proc as it does the real server's. Environment:
 * FLOOR_PORT (default 0, any), FLOOR_TICKING ("false" for idle streams), FLOOR_HTTP2 ("true" for
 * the node:http2 gRPC floor instead of the node:http Connect one). Prints `listening PORT` on
 * stdout once ready; SIGTERM ends every stream and exits 0.
 */
import { startFloor } from "./floor-server.js";
import { startH2Floor } from "./h2-floor-server.js";

const port = Number(process.env["FLOOR_PORT"] ?? "0");
const ticking = process.env["FLOOR_TICKING"] !== "false";
const floor = process.env["FLOOR_HTTP2"] === "true" ? await startH2Floor(port, ticking) : await startFloor(port, ticking);
const address = floor.server.address();
if (address === null || typeof address === "string") throw new Error("the floor has no TCP address");
process.stdout.write(`listening ${address.port}\n`);
process.once("SIGTERM", () => {
  void floor.close().then(() => process.exit(0));
});
