/**
 * ./run.sh as a person runs it: on a machine without a display, in demo mode, stopped with Ctrl-C;
 * and its refusals (no Chromium where it was pointed, the port taken), each with a message that
 * says what to do.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@crypto-stream/test-support/free-port";
import { alive, descendants } from "@crypto-stream/test-support/processes";
import { waitUntilReady } from "@crypto-stream/test-support/server-process";
import { spawnInRepo, type Spawned } from "@crypto-stream/test-support/spawn-in-repo";
import { closeBrowser, launchBrowser, type TestBrowser } from "@crypto-stream/test-support/test-browser";
import { openGrid, PRICE } from "./support/grid-page.js";

const running: Spawned[] = [];
let chromium: TestBrowser | undefined;

beforeAll(async () => {
  // Before any run.sh, so that none of its processes count as the test browser's.
  chromium = await launchBrowser();
});

afterEach(async () => {
  // A failed test must not leave a run.sh (and its server, Chromium and Xvfb) behind.
  for (const script of running.splice(0)) {
    if (script.child.exitCode === null) process.kill(-script.child.pid!, "SIGTERM");
    await script.exited;
  }
});

afterAll(async () => {
  if (chromium) expect(await closeBrowser(chromium)).toEqual([]);
});

/** runScript starts `./run.sh args` in its own process group, as a terminal would. */
function runScript(args: string[], env: Record<string, string | undefined>): Spawned {
  const script = spawnInRepo("bash", ["run.sh", ...args], env, { detached: true });
  running.push(script);
  return script;
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
};

describe("./run.sh", () => {
  it("when run with --demo and no display, then the grid shows live prices, and Ctrl-C stops all it started and exits 0", async () => {
    const port = await freePort();
    const script = runScript(["--demo"], { PORT: String(port), DISPLAY: undefined, HEADLESS: undefined, SIM_TICK_MS: "250" });
    const url = `http://localhost:${port}`;
    await waitUntilReady(script, url, 120_000);
    await expect.poll(() => script.output().includes(`Crypto Stream is running at ${url}`), { timeout: 10_000, message: "run.sh to print the URL" }).toBe(true);

    const grid = await openGrid(chromium!.browser, url);
    await expect.poll(async () => PRICE.test(await grid.priceText("BTCUSD")), { timeout: 45_000, message: "a BTCUSD price" }).toBe(true);
    await grid.close();

    // Everything run.sh started: its server, the server's Chromium, and the Xvfb it started for want of a display.
    const family = descendants(script.child.pid!);
    const commands = family.map(commandOf);
    expect(commands).toContain("Xvfb");
    expect(commands.some((command) => command.startsWith("chrom"))).toBe(true);

    process.kill(-script.child.pid!, "SIGINT"); // Ctrl-C reaches the terminal's whole process group
    expect(await script.exited, script.output()).toBe(0);
    await expect.poll(() => family.every((pid) => !alive(pid)), { timeout: 15_000, message: "every process run.sh started to end" }).toBe(true);
    expect(script.output()).not.toMatch(/"level":"error"/);
  }, 240_000);

  it("when CHROMIUM_PATH points at nothing, then it exits non-zero and says how to install a Chromium", async () => {
    const script = runScript(["--demo"], { PORT: String(await freePort()), CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(await script.exited).not.toBe(0);
    expect(script.output()).toContain("CHROMIUM_PATH=/nonexistent/chromium is not an executable file");
    expect(script.output()).toContain("sudo apt-get install -y chromium");
  }, 120_000);

  it("when the port is taken, then it exits non-zero naming the port and the setting that changes it", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const script = runScript(["--demo"], { PORT: String(port) });
      expect(await script.exited).not.toBe(0);
      expect(script.output()).toContain(`port ${port} is already in use`);
      expect(script.output()).toContain("PORT=");
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 120_000);
});
