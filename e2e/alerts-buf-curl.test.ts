/**
 * The README's alert example, run as written: `buf curl` opens a Watch on the real server in demo
 * mode, `buf curl` sets an alert on it with the watch id, the look-alike's price is pushed over the
 * level, and the Watch prints the AlertTriggered.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "@crypto-stream/test-support/server-process";
import { repoRoot, spawnInRepo, type Spawned } from "@crypto-stream/test-support/spawn-in-repo";
import { steerSim } from "./support/sim-steer.js";

const BUF = join(repoRoot, "node_modules/@bufbuild/buf/bin/buf");
const POLL = { timeout: 45_000, interval: 200 };

let server: ServerProcess | undefined;
const curls: Spawned[] = [];

beforeAll(async () => {
  server = await startServerProcess();
});

afterAll(async () => {
  for (const curl of curls) if (curl.child.exitCode === null) curl.child.kill("SIGTERM");
  await Promise.all(curls.map((curl) => curl.exited));
  expect(await server?.stop()).toBe(0);
  expect(server?.leftovers()).toEqual([]);
});

/** bufCurl runs `buf curl` as the README does, with `data` as the request body. */
function bufCurl(method: string, data: unknown): Spawned {
  const curl = spawnInRepo(
    BUF,
    ["curl", "--schema", "proto", "--protocol", "connect", "--data", JSON.stringify(data), `${server!.url}/cryptostream.v1.PriceService/${method}`],
    {},
  );
  curls.push(curl);
  return curl;
}

describe("an alert set over buf curl", () => {
  it("when the price crosses its level, then the Watch that buf curl reads prints AlertTriggered", async () => {
    // Hold the look-alike's price still under the level, so the alert is armed when set.
    await steerSim(server!.url, "BTCUSD", { price: "90000", paused: true });
    const watch = bufCurl("Watch", { symbols: ["BTCUSD"] });
    // The look-alike shows the price with its symbol's decimals: "90000.00".
    await expect.poll(() => /"price": "90000(\.0+)?"/.test(watch.output()), { ...POLL, message: "the steered price on the Watch" }).toBe(true);
    const watchId = /"watchId": "([^"]+)"/.exec(watch.output())?.[1];
    expect(watchId).toBeDefined();

    const set = bufCurl("SetAlert", {
      watch_id: watchId,
      alert: { symbol: "BTCUSD", cross: { direction: "CROSS_DIRECTION_ABOVE", level: "95000" } },
    });
    expect(await set.exited, set.output()).toBe(0);
    const alertId = /"alertId": "([^"]+)"/.exec(set.output())?.[1];
    expect(alertId).toBeDefined();

    await steerSim(server!.url, "BTCUSD", { price: "95000.5" });
    await expect.poll(() => watch.output().includes('"alertTriggered"'), { ...POLL, message: "AlertTriggered on the Watch" }).toBe(true);
    const fired = watch.output().slice(watch.output().indexOf('"alertTriggered"'));
    expect(fired).toContain(`"alertId": "${alertId}"`);
    expect(fired).toMatch(/"level": "95000"/);
    expect(fired).toMatch(/"price": "95000\.50*"/);
  });
});
