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
 * portsHeldBy says which of `ports` are the local port of a loopback socket one of `pids` holds:
 * for server sockets here, the ones whose client is one of those processes. One read of the
 * kernel's tables and of each process's descriptors, however many ports are asked about.
 */
export function portsHeldBy(pids: readonly number[], ports: readonly number[]): Set<number> {
  const wanted = new Set(ports);
  const portOfInode = new Map<string, number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (readOrUndefined(table) ?? "").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; field 9 is the inode, 0 once no process holds the socket.
      const port = fields.length > 9 ? Number.parseInt(fields[1]!.split(":")[1]!, 16) : NaN;
      if (wanted.has(port) && fields[9] !== "0") portOfInode.set(fields[9]!, port);
    }
  }
  const held = new Set<number>();
  if (portOfInode.size === 0) return held;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const port = portOfInode.get(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? "");
        if (port !== undefined) held.add(port);
      } catch {
        // The descriptor closed between the two reads.
      }
    }
  }
  return held;
}
