/**
 * `node --import tsx bench/sim/main.ts`: the TradingView look-alike in a process of its own, as the
 * issue measured it (`TRADINGVIEW_BASE_URL`): its clock keeps time and its control requests are
 * answered however busy the server under test is, and its CPU is not counted as the server's.
 * Same market settings as the server's demo mode (SIM_SEED, SIM_TICK_MS or their defaults).
 * Prints `listening <base URL of the pages>` on stdout once ready; SIGTERM closes it and exits 0.
 */
import { configDefaults } from "@crypto-stream/backend/config";
import { createSimMarket, startSimServer } from "@crypto-stream/backend/sim";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const market = createSimMarket({ seed: setting("SIM_SEED", configDefaults.simSeed), tickMs: setting("SIM_TICK_MS", configDefaults.simTickMs) });
const server = await startSimServer(market);
process.stdout.write(`listening ${server.baseUrl}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => {
    market.close();
    process.exit(0);
  });
});
