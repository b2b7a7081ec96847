/**
 * The port itself, with trivial listeners: which version serves a connection, in cleartext (by
 * the preface, however it arrives) and under TLS (by ALPN), and close() ending both.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect as connectHttp2, createServer as createHttp2Server } from "node:http2";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../log.js";
import { createTransport, type TransportOptions, type TransportServer } from "./transport-server.js";

let transport: TransportServer | undefined;
/** compatServed counts the HTTP/2 requests that reached the compatibility API's listener. */
let compatServed = 0;
const dir = mkdtempSync(join(tmpdir(), "transport-tls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  await transport?.close(0);
  transport = undefined;
});

async function start(tls?: TransportOptions["tls"]): Promise<number> {
  transport = createTransport({
    http1: (req, res) => {
      let n = 0;
      req.on("data", (chunk: Buffer) => (n += chunk.length));
      req.on("end", () => res.end(`http/1.1 ${n}`));
    },
    http2: (req, res) => {
      compatServed += 1;
      let n = 0;
      req.on("data", (chunk: Buffer) => (n += chunk.length));
      req.on("end", () => res.end(`h2 ${n}`));
    },
    // The raw path takes "/raw" alone, as the direct stream path takes its methods.
    http2Stream: (stream, headers) => {
      if (headers[":path"] !== "/raw") return false;
      stream.resume();
      stream.on("end", () => {
        stream.respond({ ":status": 200 });
        stream.end("raw");
      });
      return true;
    },
    tls,
    limits: { maxConnections: 100, maxConnectionsPerClient: 100, requestTimeoutMs: 5_000 },
    logger: silentLogger,
  });
  const server = transport.server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function h1(port: number, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: "127.0.0.1", method: "POST", path: "/" }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve(text));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function h2(url: string, body: string, options: Parameters<typeof connectHttp2>[1] = {}, path = "/"): Promise<string> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(url, options);
    session.on("error", reject);
    const stream = session.request({ ":method": "POST", ":path": path });
    let text = "";
    stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
    stream.on("end", () => {
      session.close();
      resolve(text);
    });
    stream.end(body);
  });
}

describe("cleartext: one port, told apart by the preface", () => {
  it("when HTTP/1.1 and HTTP/2 clients send large bodies to one port, then each is served by its own version, whole", async () => {
    const port = await start();
    const body = "x".repeat(200_000);
    expect(await h1(port, body)).toBe("http/1.1 200000");
    expect(await h2(`http://127.0.0.1:${port}`, body)).toBe("h2 200000");
    expect(await h1(port, "")).toBe("http/1.1 0");
  });

  it("when the HTTP/2 preface arrives a byte at a time, then the connection is still served as HTTP/2", async () => {
    const port = await start();
    const { connect } = await import("node:net");
    const answer = await h2(`http://127.0.0.1:${port}`, "abc", {
      createConnection: () => {
        const socket = connect(port, "127.0.0.1");
        const original = socket.write.bind(socket);
        const write = (chunk: Uint8Array): boolean => original(chunk);
        let first = true;
        socket.write = ((chunk: Uint8Array) => {
          if (!first) return write(chunk);
          first = false;
          const bytes = Buffer.from(chunk);
          bytes.forEach((_, i) => setTimeout(() => write(bytes.subarray(i, i + 1)), i));
          return true;
        });
        return socket;
      },
    });
    expect(answer).toBe("h2 3");
  });
});

describe("HTTP/2 streams offered raw first", () => {
  it("when node:http2 gets a 'request' listener, then it adds exactly one 'stream' listener, the one offerStreamsFirst moves", () => {
    // Pins the Node behaviour offer-streams-first.ts relies on: if this fails after a Node upgrade, look there.
    const server = createHttp2Server({}, () => undefined);
    expect(server.listeners("stream")).toHaveLength(1);
  });

  it("when the raw listener takes a stream, then no compatibility request is made for it; one it leaves gets one", async () => {
    const port = await start();
    compatServed = 0;
    expect(await h2(`http://127.0.0.1:${port}`, "abc", {}, "/raw")).toBe("raw");
    expect(compatServed).toBe(0);
    expect(await h2(`http://127.0.0.1:${port}`, "abc")).toBe("h2 3");
    expect(compatServed).toBe(1);
  });
});

describe("TLS: ALPN", () => {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
  const tls = { cert: readFileSync(cert), key: readFileSync(key) };

  it("when a client offers only h2 (as gRPC clients do), then it is served over HTTP/2", async () => {
    const port = await start(tls);
    expect(await h2(`https://localhost:${port}`, "abcd", { ca: tls.cert })).toBe("h2 4");
  });

  it("when a client offers http/1.1 and h2 (as browsers do), then it keeps HTTP/1.1", async () => {
    const port = await start(tls);
    const answer = await new Promise<string>((resolve, reject) => {
      const agent = new HttpsAgent({ ca: tls.cert, ALPNProtocols: ["h2", "http/1.1"] });
      const req = httpsRequest({ port, host: "localhost", method: "POST", path: "/", agent }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end("ab");
    });
    expect(answer).toBe("http/1.1 2");
  });
});

describe("close", () => {
  it("when closed with an idle HTTP/2 session and an idle HTTP/1.1 keep-alive, then close resolves and both connections end", async () => {
    const port = await start();
    const session = connectHttp2(`http://127.0.0.1:${port}`);
    await new Promise((resolve) => session.once("connect", resolve));
    const goaway = new Promise((resolve) => session.once("goaway", resolve));
    await h1(port, "x");
    await transport!.close(1_000);
    transport = undefined;
    await goaway;
    session.destroy();
  });
});
