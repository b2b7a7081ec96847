/**
 * `node --import tsx bench/floor/main.ts`: runs the floor server as a process of its own, so the
 * benchmark reads its CPU and memory from /proc as it does the real server's. Environment:
 * FLOOR_PORT (default 0, any), FLOOR_TICKING ("false" for idle streams). Prints `listening PORT`
 * on stdout once ready; SIGTERM ends every stream and exits 0.
 */
import { startFloor } from "./floor-server.js";

const floor = await startFloor(Number(process.env["FLOOR_PORT"] ?? "0"), process.env["FLOOR_TICKING"] !== "false");
const address = floor.server.address();
if (address === null || typeof address === "string") throw new Error("the floor has no TCP address");
process.stdout.write(`listening ${address.port}\n`);
process.once("SIGTERM", () => {
  void floor.close().then(() => process.exit(0));
});
