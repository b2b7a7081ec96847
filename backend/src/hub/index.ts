export { createHub, type Subscriber } from "./hub.js";
export type { HubEvent } from "./events.js";
export type { HistoryLimits } from "./quote-history.js";
