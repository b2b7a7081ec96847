/**
 * Scenario 12: server memory per idle subscriber beside the floor's per connection.
 * Idle: the symbol is paused on the server and the floor sends no ticks, so both hold streams
 * that carry nothing. RSS is read once a first batch is open (the page, the buffers warmed up)
 * and again after the rest, and the growth is divided by the streams added.
 */
import { ClientPool } from "../clients/pool.js";
import { startFloor } from "../lib/floor.js";
import { rssKb } from "../lib/proc-stats.js";
import { atMost, ratioToFloor } from "../lib/report.js";
import { round } from "../lib/stats.js";
import { pause } from "../lib/wait.js";
import type { Target } from "../clients/measure.js";
import type { Scenario } from "./scenario.js";

/** idleMemory is scenario 12; see the file header. */
export const idleMemory: Scenario = {
  id: "12",
  title: "RSS per idle subscriber beside the floor",
  async run(context) {
    const { plan, server, control, signal, log } = context;
    const { ticker, idle, batch, processes } = plan.floor;
    const first = Math.max(1, Math.round(idle / 10));
    const perStream = async (target: Target): Promise<number> => {
      const pool = ClientPool.start(processes[0] ?? 1, signal);
      try {
        await pool.open(target.baseUrl, "price", [ticker], first, batch);
        await pause(2_000, signal);
        const before = rssKb(target.pid);
        await pool.open(target.baseUrl, "price", [ticker], idle - first, batch);
        await pause(3_000, signal);
        const after = rssKb(target.pid);
        await pool.closeStreams();
        return (after - before) / (idle - first);
      } finally {
        await pool.stop();
      }
    };
    await control.steer(ticker, { reset: true, paused: true });
    const floor = await startFloor({ ticking: false, signal });
    try {
      const serverKb = await perStream(server);
      const floorKb = await perStream(floor);
      log(`RSS per idle subscriber: server ${serverKb.toFixed(1)} kB, floor ${floorKb.toFixed(1)} kB per connection`);
      const n = (idle - first).toLocaleString("en-US");
      return {
        figures: [
          ratioToFloor("12", `RSS kB per idle subscriber (${first}→${idle.toLocaleString("en-US")})`, round(serverKb), round(floorKb), 2),
          atMost("12", `RSS per idle subscriber, server (${n} added)`, round(serverKb), 25, "kB"),
        ],
        details: { serverKb, floorKb, first, idle },
      };
    } finally {
      await floor.stop();
      await control.steer(ticker, { reset: true }).catch(() => undefined);
    }
  },
};
