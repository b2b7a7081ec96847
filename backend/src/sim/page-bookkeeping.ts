/**
 * @internal How symbol pages answer (status, delay, fill delay) and what the market counts of them:
 * page views, side requests, fills and open connections. Only createSimMarket uses it.
 */
import { decimalToString } from "./decimal.js";
import { BINDING_NAME, checkProbeUrls } from "./hostile-page.js";
import type { AssetKind, PageStatus, SimMarket } from "./sim-market.js";
import type { SymbolState } from "./symbol-state.js";
import type { SymbolTable } from "./symbol-table.js";

const openOf = (state: SymbolState | undefined) => (state ? state.sinks.size + state.filling.size : 0);

/**
 * @internal createPageBookkeeping implements SimMarket's page steering and counters over `table`.
 * Page steering works for any ticker, known or not; counters never make a ticker's state.
 */
export function createPageBookkeeping(
  table: SymbolTable,
): Pick<
  SimMarket,
  | "respondWith"
  | "setDelay"
  | "setFillDelay"
  | "embedHostileFrame"
  | "probeNetwork"
  | "planPage"
  | "recordPageView"
  | "recordAsset"
  | "pageViews"
  | "lastPageViewAtMs"
  | "lastFillAtMs"
  | "clockSkipped"
  | "openConnections"
  | "totalOpenConnections"
  | "assetRequests"
> {
  const assets: Record<AssetKind, number> = { image: 0, font: 0, analytics: 0 };
  return {
    respondWith(ticker, status: PageStatus) {
      if (status !== 200 && status !== 404 && status !== 500) {
        throw new RangeError(`status must be 200, 404 or 500: ${String(status)}`);
      }
      table.stateOf(ticker).status = status;
    },
    setDelay(ticker, ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be >= 0 ms: ${ms}`);
      table.stateOf(ticker).delayMs = ms;
    },
    setFillDelay(ticker, range) {
      const [min, max] = range;
      if (!(min >= 0 && max >= min)) throw new RangeError(`fill delay must be [min, max] with 0 <= min <= max: [${min}, ${max}]`);
      table.stateOf(ticker).fillDelayMs = max > 0 ? [min, max] : undefined;
    },
    embedHostileFrame(ticker, binding) {
      if (binding !== undefined && !BINDING_NAME.test(binding)) {
        throw new RangeError(`binding must be an identifier: ${JSON.stringify(binding)}`);
      }
      table.stateOf(ticker).hostileBinding = binding;
    },
    probeNetwork(ticker, urls) {
      table.stateOf(ticker).probeUrls = checkProbeUrls(urls);
    },
    planPage(ticker) {
      const state = table.find(ticker);
      const spec = table.specOf(ticker);
      const status = state?.status ?? 200;
      return {
        status: status === 200 && !spec ? 404 : status,
        delayMs: state?.delayMs ?? 0,
        spec,
        price: spec ? decimalToString(table.stateOf(ticker).price) : undefined,
        hostileBinding: state?.hostileBinding,
        probeUrls: state?.probeUrls ?? [],
      };
    },
    recordPageView(ticker) {
      const state = table.stateOf(ticker);
      state.pageViews += 1;
      state.lastPageViewAtMs = Date.now();
    },
    recordAsset(kind) {
      assets[kind] += 1;
    },
    pageViews: (ticker) => table.find(ticker)?.pageViews ?? 0,
    lastPageViewAtMs: (ticker) => table.find(ticker)?.lastPageViewAtMs,
    lastFillAtMs: (ticker) => table.find(ticker)?.lastFillAtMs,
    clockSkipped: (ticker) => table.find(ticker)?.clockSkipped ?? 0,
    openConnections: (ticker) => openOf(table.find(ticker)),
    totalOpenConnections: () => [...table.states()].reduce((n, state) => n + openOf(state), 0),
    assetRequests: () => ({ ...assets }),
  };
}
