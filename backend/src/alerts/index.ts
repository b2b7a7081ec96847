export { AlertInputError, checkAlert } from "./alert-spec.js";
export type { AlertInput, AlertSpec } from "./alert-spec.js";
export { AlertLimitError, WatchAlerts } from "./watch-alerts.js";
