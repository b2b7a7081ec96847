export { ALERT_BOUNDS, AlertInputError, checkAlert } from "./alert-spec.js";
export type { AlertCondition, AlertInput, AlertSpec, CrossCondition, MoveCondition } from "./alert-spec.js";
export { AlertLimitError, WatchAlerts } from "./watch-alerts.js";
export type { Triggered } from "./watch-alerts.js";
