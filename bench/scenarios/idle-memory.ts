/**
 * Scenario 12: server memory per idle subscriber beside the floor's per connection.
 * Idle: the symbol is paused on the server and the floor sends no ticks, so both hold streams
 * that carry nothing. RSS is read once a first batch is open (the page, the buffers warmed up)
 * and again after the rest, and the growth is divided by the streams added.
 */
import { firstOf, rssPerIdleStream } from "../clients/idle-rss.js";
import { startFloor } from "../lib/floor.js";
import { atMost, ratioToFloor } from "../lib/report.js";
import { round } from "../lib/stats.js";
import type { Target } from "../clients/measure.js";
import type { Scenario } from "./scenario.js";

/** idleMemory is scenario 12; see the file header. */
export const idleMemory: Scenario = {
  id: "12",
  title: "RSS per idle subscriber beside the floor",
  async run(context) {
    const { plan, server, control, signal, log } = context;
    const { ticker, idle, batch, processes } = plan.floor;
    const first = firstOf(idle);
    const weighing = { ticker, total: idle, batch, processes: processes[0] ?? 1 };
    const perStream = (target: Target) => rssPerIdleStream(target, weighing, signal);
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
