export { Metrics, type MetricsSources } from "./metrics.js";
