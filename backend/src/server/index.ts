/**
 * The app, as code outside the backend sees it (`@crypto-stream/backend/server`): createApp and the
 * parts of its result a test server hands on. main.ts listens; a test listens on port 0.
 */
export { createApp } from "./create-app.js";
export { createTransport, type TransportLimits, type TransportServer } from "../rpc/transport/transport-server.js";
export type { App } from "./app-options.js";
export type { ClusterProbe } from "../cluster/index.js";
export type { BrowserView } from "../rpc/services/status-messages.js";
export type { WatchRegistry } from "../rpc/services/watch-registry.js";
