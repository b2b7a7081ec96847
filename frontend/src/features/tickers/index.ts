export { CompactToggle } from "./components/compact-toggle.js";
export { FlashToggle } from "./components/flash-toggle.js";
export { TickerDashboard } from "./components/ticker-dashboard.js";
export { TickerStoreProvider, type TickerStoreSettings } from "./hooks/ticker-store-context.js";
