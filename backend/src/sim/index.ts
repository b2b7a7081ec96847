/** The built-in TradingView look-alike: market, router and a stand-alone server. */
export { createSimMarket, type SimMarketOptions } from "./create-sim-market.js";
export {
  UnknownTickerError,
  type AssetKind,
  type LiveSink,
  type PagePlan,
  type PageStatus,
  type PriceUpdate,
  type SimMarket,
} from "./sim-market.js";
export { createSimRouter } from "./sim-router.js";
export { createSimUpgrade, type SimUpgrade } from "./live-stream.js";
export { startSimServer, type SimServer } from "./sim-server.js";
export { parseControlBody, type ControlCommand, type ControlParse } from "./control-body.js";
export type { ControlState } from "./control-routes.js";
export { CATALOG, type PairSpec } from "./catalog.js";
export { formatPrice, localeFor, type PriceLocale } from "./format-price.js";
