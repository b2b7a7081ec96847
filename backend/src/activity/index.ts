/**
 * The activity log and the symbol board: what the server did, for StatusService. Framework-free:
 * the rpc layer turns these into messages.
 */
export { createActivity, type Activity, type ActivityOptions } from "./activity.js";
export type { ActivityEvent, ActivityKind } from "./activity-event.js";
export { ACTIVITY_CAPACITY, type ActivityLog, type ActivityReader } from "./activity-log.js";
export type { SymbolBoard, SymbolDetails } from "./symbol-board.js";
