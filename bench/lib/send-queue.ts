/**
 * How many bytes a server has handed the kernel for one loopback connection that the client has
 * not read yet, from Linux's /proc/net/tcp. A stalled reader is past the kernel's buffers once
 * this stops growing while the server still has news.
 */
import { readOrUndefined } from "@crypto-stream/test-support/processes";

/** hexPort is a port as /proc/net/tcp writes it in an address: four upper-case hex digits. */
function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, "0");
}

/** queueOf is the tx_queue or rx_queue of the socket at local port `from` whose peer is port `to`. */
function queueOf(lines: readonly string[], from: number, to: number, which: 0 | 1): number | undefined {
  const local = `:${hexPort(from)}`;
  const remote = `:${hexPort(to)}`;
  for (const line of lines) {
    // sl local_address rem_address st tx_queue:rx_queue ...
    const [, localAddress, remoteAddress, , queues] = line.trim().split(/\s+/);
    if (!localAddress?.endsWith(local) || !remoteAddress?.endsWith(remote) || queues === undefined) continue;
    return Number.parseInt(queues.split(":")[which] ?? "", 16);
  }
  return undefined;
}

/**
 * sendQueueBytes is what the kernel holds between the server at `serverPort` and the client at
 * `clientPort`: the server socket's tx_queue (not yet taken by the client's kernel) plus the client
 * socket's rx_queue (taken, not yet read). Undefined when either socket is gone (or not Linux).
 */
export function sendQueueBytes(serverPort: number, clientPort: number): number | undefined {
  const lines = (readOrUndefined("/proc/net/tcp") ?? "").split("\n").slice(1);
  const sent = queueOf(lines, serverPort, clientPort, 0);
  const received = queueOf(lines, clientPort, serverPort, 1);
  return sent === undefined || received === undefined ? undefined : sent + received;
}
