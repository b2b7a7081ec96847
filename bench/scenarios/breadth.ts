/**
 * Scenario 5, breadth: 1, 10, then 50 symbols open at once (one subscriber each), each moving by
 * the look-alike's walk at one change per second. At each level, at rest: Chromium's memory (PSS
 * of its whole process tree) and the CPU of the server and of Chromium over a window.
 */
import { atMost, info, type Figure } from "../lib/report.js";
import { chromiumProcesses, CpuMeter, rendererCount, treePss } from "../lib/proc-stats.js";
import { round } from "../lib/stats.js";
import { StreamGroup } from "../lib/stream-group.js";
import { pause, within } from "../lib/wait.js";
import { COINS } from "../plan.js";
import type { Scenario } from "./scenario.js";

interface LevelResult {
  readonly symbols: number;
  readonly openSeconds: number;
  readonly chromiumPssKb: number;
  readonly chromiumProcesses: number;
  readonly renderers: number;
  /** pssPerPageKb is the growth over the idle browser, per page. */
  readonly pssPerPageKb: number;
  readonly serverCpuPercent: number;
  readonly chromiumCpuPercent: number;
  /** changesPerSymbolPerSecond checks the load: about 1 when every page moves at the walk's pace. */
  readonly changesPerSymbolPerSecond: number;
}

/** breadth is scenario 5; see the file header. */
export const breadth: Scenario = {
  id: "5",
  title: "Breadth",
  async run({ plan, server, control, signal, log }) {
    const { levels, targetLevel, windowMs } = plan.breadth;
    const tickers = COINS.slice(0, Math.max(...levels)).map((coin) => `${coin}USDT`);
    // An earlier scenario may have paused one of them; each must walk at the look-alike's pace.
    for (const ticker of tickers) await control.steer(ticker, { reset: true });
    const chromium = () => chromiumProcesses(server.pid);
    await pause(2_000, signal);
    const idle = treePss(chromium());
    log(`idle Chromium: ${idle.processes} processes, ${(idle.pssKb / 1024).toFixed(0)} MB PSS`);

    const group = new StreamGroup(server.baseUrl, signal);
    let quotes = 0;
    const results: LevelResult[] = [];
    try {
      for (const level of levels) {
        const opening = performance.now();
        const fresh = tickers.slice(group.size, level).map((ticker) => group.streamPrice(ticker, () => (quotes += 1)));
        await within(`${level} symbols to show a price`, Promise.all(fresh.map((s) => s.firstQuote)), 120_000, signal);
        const openSeconds = (performance.now() - opening) / 1000;
        await pause(3_000, signal); // page loads settle before anything is read
        const serverCpu = new CpuMeter(() => [server.pid]);
        const chromiumCpu = new CpuMeter(chromium);
        quotes = 0;
        await pause(windowMs, signal);
        const serverCpuPercent = serverCpu.percentOfCore();
        const chromiumCpuPercent = chromiumCpu.percentOfCore();
        const changes = quotes / level / (windowMs / 1000);
        const pids = chromium();
        const memory = treePss(pids);
        const result: LevelResult = {
          symbols: level,
          openSeconds,
          chromiumPssKb: memory.pssKb,
          chromiumProcesses: memory.processes,
          renderers: rendererCount(pids),
          pssPerPageKb: (memory.pssKb - idle.pssKb) / level,
          serverCpuPercent,
          chromiumCpuPercent,
          changesPerSymbolPerSecond: changes,
        };
        results.push(result);
        log(
          `${level} symbols: open ${openSeconds.toFixed(1)} s, Chromium ${(memory.pssKb / 1024).toFixed(0)} MB PSS ` +
            `(${(result.pssPerPageKb / 1024).toFixed(1)} MB/page), server CPU ${serverCpuPercent.toFixed(1)} %, ` +
            `Chromium CPU ${chromiumCpuPercent.toFixed(0)} %, ${changes.toFixed(2)} changes/s/symbol`,
        );
      }
    } finally {
      await group.close();
    }

    const figures: Figure[] = [];
    for (const r of results) {
      const at = `${r.symbols} symbol${r.symbols === 1 ? "" : "s"}`;
      figures.push(atMost("5", `Chromium PSS per page, ${at}`, round(r.pssPerPageKb / 1024), 40, "MB"));
      figures.push(info("5", `Chromium PSS total, ${at}`, round(r.chromiumPssKb / 1024), "MB"));
      figures.push(
        r.symbols === targetLevel
          ? atMost("5", `server CPU, ${at}`, round(r.serverCpuPercent), 5, "% core")
          : info("5", `server CPU, ${at}`, round(r.serverCpuPercent), "% core"),
      );
      figures.push(info("5", `Chromium CPU, ${at}`, round(r.chromiumCpuPercent), "% core"));
      figures.push(info("5", `time until all show a price, ${at}`, round(r.openSeconds), "s"));
    }
    return { figures, details: { idleChromium: idle, levels: results } };
  },
};
