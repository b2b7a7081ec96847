/** The built-in TradingView look-alike: market, router and a stand-alone server. */
export { createSimMarket } from "./create-sim-market.js";
export type { SimMarket } from "./sim-market.js";
export { createSimRouter } from "./sim-router.js";
export { createSimUpgrade } from "./live-stream.js";
export { startSimServer, type SimServer } from "./sim-server.js";
