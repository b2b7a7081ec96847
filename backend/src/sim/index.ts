/**
 * The built-in TradingView look-alike (`@crypto-stream/backend/sim`): market, router and a
 * stand-alone server, and the clock price and seeded random numbers the benchmark shares with it.
 */
export { createSimMarket } from "./create-sim-market.js";
export type { LiveSink, SimMarket } from "./sim-market.js";
export { createSimRouter } from "./sim-router.js";
export { createSimUpgrade } from "./live-stream.js";
export { startSimServer, type SimServer } from "./sim-server.js";
export { CLOCK_TICK_MS, clockPrice, clockTick, tickOfClockPrice } from "./clock-price.js";
export { mulberry32 } from "./prng.js";
