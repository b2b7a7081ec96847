/**
 * How many bytes a server has handed the kernel for one loopback connection that the other end has
 * not taken yet, read from Linux's /proc/net/tcp (tx_queue of the server's socket). A stalled
 * reader is past the kernel's buffers once this stops growing while the server still has news.
 */
import { readOrUndefined } from "@crypto-stream/test-support/processes";

/** hexPort is a port as /proc/net/tcp writes it in an address: four upper-case hex digits. */
function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * sendQueueBytes is the tx_queue of the socket at local port `serverPort` whose peer is local port
 * `clientPort`, or undefined when there is no such socket (closed, or not Linux).
 */
export function sendQueueBytes(serverPort: number, clientPort: number): number | undefined {
  const local = `:${hexPort(serverPort)}`;
  const remote = `:${hexPort(clientPort)}`;
  for (const line of (readOrUndefined("/proc/net/tcp") ?? "").split("\n").slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue ...
    const [, localAddress, remoteAddress, , queues] = line.trim().split(/\s+/);
    if (!localAddress?.endsWith(local) || !remoteAddress?.endsWith(remote) || queues === undefined) continue;
    return Number.parseInt(queues.split(":")[0] ?? "", 16);
  }
  return undefined;
}
