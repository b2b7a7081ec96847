/** A free loopback port for a server a test or the benchmark starts. */
import { createServer } from "node:net";

/**
 * freePort asks the kernel for a loopback port that is free now. It is released again before the
 * caller binds it, so another process could take it first: fine on a test machine.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port from the kernel");
  return address.port;
}
