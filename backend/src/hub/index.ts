export { createHub, Subscriber } from "./hub.js";
export type { HubEvent } from "./events.js";
