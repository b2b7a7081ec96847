/**
 * test-support's socket census, which the churn test trusts to tell its own sockets from the idle
 * connections Chromium keeps: a connection held by another process is named as that process's.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { connect, createServer, type Server } from "node:net";
import { openSockets, portsHeldBy } from "@crypto-stream/test-support/sockets";
import { afterEach, describe, expect, it } from "vitest";

let server: Server | undefined;

afterEach(async () => {
  server?.close();
  if (server) await once(server, "close");
  server = undefined;
});

/** listen starts the test's server on a loopback port; `accepted` settles at its first connection. */
async function listen(): Promise<{ port: number; accepted: Promise<unknown> }> {
  server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { port, accepted: once(server, "connection") };
}

describe("the socket census", () => {
  it("when another process holds an idle connection to a server here, then it is named that process's, and gone once it exits", async () => {
    const { port, accepted } = await listen();
    const child = spawn(process.execPath, ["-e", `require("node:net").connect(${port}, "127.0.0.1"); setInterval(() => {}, 1000)`], { stdio: "ignore" });
    await accepted;

    const held = openSockets().filter((socket) => socket.side === "server" && socket.localPort === port);
    expect(held).toHaveLength(1);
    expect(held[0]!.request).toBeUndefined();
    const peerPort = held[0]!.remotePort!;
    expect(portsHeldBy([child.pid!], [peerPort]).has(peerPort)).toBe(true);
    expect(portsHeldBy([process.pid], [peerPort]).has(peerPort)).toBe(false);

    child.kill("SIGKILL");
    await once(child, "exit");
    await expect.poll(() => portsHeldBy([child.pid!], [peerPort]).has(peerPort)).toBe(false);
    await expect.poll(() => openSockets().filter((socket) => socket.localPort === port)).toEqual([]);
  });

  it("when this process is both ends of a connection, then both are listed and neither is another's", async () => {
    const { port, accepted } = await listen();
    const client = connect(port, "127.0.0.1");
    await Promise.all([accepted, once(client, "connect")]);

    const mine = openSockets().filter((socket) => socket.localPort === port || socket.remotePort === port);
    expect(mine.map((socket) => socket.side).sort()).toEqual(["client", "server"]);
    expect(portsHeldBy([process.pid], [client.localPort!]).has(client.localPort!)).toBe(true);

    client.destroy();
    await expect.poll(() => openSockets().filter((socket) => socket.localPort === port || socket.remotePort === port)).toEqual([]);
  });
});
