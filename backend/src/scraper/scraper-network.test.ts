import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { createRecorder, symbol } from "@crypto-stream/test-support/feed-recorder";
import { CLEAN, startFixture, type Fixture } from "@crypto-stream/test-support/scraper-fixture";

/** startTarget listens on a loopback port of the test's own and records every request and upgrade. */
async function startTarget(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.end("reached");
  });
  server.on("upgrade", (req, socket) => {
    hits.push(`upgrade ${req.url ?? ""}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, port: address.port, hits };
}

describe("scraper against the look-alike: the private network", () => {
  let fixture: Fixture | undefined;
  let target: Server | undefined;
  afterEach(async () => {
    const closing = fixture;
    fixture = undefined;
    if (closing) expect(await closing.close()).toEqual(CLEAN);
    await new Promise((resolve) => target?.close(resolve));
    target = undefined;
  });

  it("when a page tries loopback, link-local and private addresses, then each is refused before it connects and the price still comes", async () => {
    const lines: string[] = [];
    const mine = await startTarget();
    target = mine.server;
    fixture = await startFixture({ logger: createLogger({ level: "debug", sink: (line) => lines.push(line) }) });
    const { market, scraper } = fixture;
    // Only the loopback port is ours; the others must be refused by the route, never dialled.
    const probes = [
      `http://127.0.0.1:${mine.port}/fetch`,
      `ws://127.0.0.1:${mine.port}/socket`,
      `http://localhost:${mine.port}/by-name`,
      `http://[::1]:${mine.port}/v6`,
      "http://10.1.2.3/",
      "http://169.254.169.254/latest/meta-data/",
      "ws://192.168.1.1/",
    ];
    market.probeNetwork("ADAUSD", probes);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("ADAUSD"), sink);
    await sink.until("the first price", () => sink.prices().length > 0);

    const blockedHosts = () =>
      lines.flatMap((line) => {
        const entry = JSON.parse(line) as { event?: string; host?: string };
        return entry.event === "page.request_blocked" && entry.host ? [entry.host] : [];
      });
    const hosts = probes.map((url) => new URL(url).host);
    await expect.poll(() => hosts.filter((host) => !blockedHosts().includes(host)), { timeout: 15_000 }).toEqual([]);
    expect(mine.hits).toEqual([]);
    // The look-alike is on loopback too: its own origin, page and live socket, stays allowed.
    expect(sink.states()).toEqual(["loading", "live"]);
    expect(market.openConnections("ADAUSD")).toBe(1);

    await feed.close();
    expect(scraper.openPageCount()).toBe(0);
  });

  it("when blocking is off, as in demo mode, then the same page reaches another loopback port", async () => {
    const mine = await startTarget();
    target = mine.server;
    fixture = await startFixture({ blockPrivateNetwork: false });
    const { market, scraper } = fixture;
    market.probeNetwork("ADAUSD", [`http://127.0.0.1:${mine.port}/fetch`, `ws://127.0.0.1:${mine.port}/socket`]);
    const sink = createRecorder();
    const feed = scraper.watch(symbol("ADAUSD"), sink);
    await sink.until("the first price", () => sink.prices().length > 0);
    await expect.poll(() => [...mine.hits].sort(), { timeout: 15_000 }).toEqual(["/fetch", "upgrade /socket"]);
    await feed.close();
  });
});
