/**
 * The TCP sockets this process holds, and whose each one is. A test that proves nothing is left
 * behind counts the sockets of its server and its clients; a connection Chromium opened to the
 * same server and keeps idle in its own pool (a preconnect, say) is Chromium's, and closes when
 * Chromium or the server's headers timeout says so, a minute or more later.
 */
import { readdirSync, readlinkSync } from "node:fs";
import { Socket } from "node:net";
import { readOrUndefined } from "./processes.js";

/** OpenSocket is one TCP socket held open in this process. */
export interface OpenSocket {
  /** side is "server" for a connection a server here accepted, "client" for one opened from here. */
  side: "server" | "client";
  localPort: number | undefined;
  remotePort: number | undefined;
  /** request names the HTTP request on it now, if any ("POST /path", or the response's request). */
  request: string | undefined;
}

type HttpSocket = Socket & { server?: unknown; _httpMessage?: { method?: string; path?: string; req?: { method?: string; url?: string } } | null };

/** openSockets lists the TCP sockets this process holds open now, connecting ones included. */
export function openSockets(): OpenSocket[] {
  // Node names its open handles only through this undocumented call; getActiveResourcesInfo() counts them.
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((handle): handle is HttpSocket => handle instanceof Socket && (handle.remotePort !== undefined || handle.connecting))
    .map((socket) => {
      // A server socket carries a response (its request in `req`), a client socket a request.
      const message = socket._httpMessage;
      const request = message ? (message.req ? `${message.req.method} ${message.req.url}` : `${message.method} ${message.path}`) : undefined;
      return { side: socket.server ? "server" : "client", localPort: socket.localPort, remotePort: socket.remotePort, request };
    });
}

/**
 * peerHeldBy is true when one of `pids` holds the loopback socket whose local port is `port`: for a
 * server socket here, whether its client is one of those processes.
 */
export function peerHeldBy(pids: readonly number[], port: number): boolean {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (readOrUndefined(table) ?? "").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; field 9 is the inode, 0 once no process holds the socket.
      if (fields.length > 9 && Number.parseInt(fields[1]!.split(":")[1]!, 16) === port && fields[9] !== "0") inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) return false;
  return pids.some((pid) => {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return false;
    }
    return fds.some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? "");
      } catch {
        return false;
      }
    });
  });
}
