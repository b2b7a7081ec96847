export { StatusButton } from "./components/status-button.js";
export { StatusPanel } from "./components/status-panel.js";
export { StatusProvider, type StatusSettings } from "./hooks/status-context.js";
