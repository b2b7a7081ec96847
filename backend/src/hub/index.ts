export { createHub, type Subscriber } from "./hub.js";
export type { HubEvent } from "./events.js";
