/**
 * The activity log and the symbol board: what the server did, for StatusService. Framework-free:
 * the rpc layer turns these into messages.
 */
export { createActivity, type Activity } from "./activity.js";
export type { ActivityEvent, ActivityKind } from "./activity-event.js";
export type { SymbolDetails } from "./symbol-board.js";
