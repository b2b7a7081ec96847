/**
 * The real server process, as an operator runs it: demo mode, headless Chromium, SIGTERM. It must
 * end open streams with UNAVAILABLE, exit 0 within 10 s and leave no Chromium behind.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { describe, expect, it } from "vitest";
import { alive, descendants, freePort } from "../src/testing/processes.js";

const backendDir = fileURLToPath(new URL("..", import.meta.url));

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the server process", () => {
  it("when it gets SIGTERM while streaming, then streams end UNAVAILABLE, it exits 0 and no Chromium is left", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: backendDir,
      env: { ...process.env, PORT: String(port), DEMO: "true", HEADLESS: "true", LOG_LEVEL: "warn", SIM_TICK_MS: "200", SHUTDOWN_TIMEOUT_MS: "10000" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.status === 200, "readiness");

    const client = createClient(PriceService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
    const stream = client.streamPrice({ symbol: "BTCUSD" })[Symbol.asyncIterator]();
    let message = await stream.next();
    while (message.value?.event.case !== "quote") message = await stream.next();
    const processes = descendants(child.pid!);
    expect(processes.length).toBeGreaterThan(0);

    child.kill("SIGTERM");
    const ending = (async () => {
      for (;;) {
        if ((await stream.next()).done) return undefined;
      }
    })().catch((error: unknown) => ConnectError.from(error));
    const error = await ending;
    expect(error?.code).toBe(Code.Unavailable);
    expect(error?.rawMessage).toContain("shutting down");
    // Past SHUTDOWN_TIMEOUT_MS the process exits 1, so exit 0 also means "within 10 s".
    expect(await exited).toBe(0);
    expect(processes.filter(alive)).toEqual([]);
    expect(stderr).not.toContain('"level":"error"');
  });
});
