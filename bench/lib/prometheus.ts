/**
 * Reading the server's `GET /metrics` (Prometheus text format) from outside, as a scraper would:
 * the gauges and counters without labels are enough for the soak's figures.
 */
import { httpRequest } from "./http.js";

/** MetricValues maps a series name without labels to its value. */
export type MetricValues = ReadonlyMap<string, number>;

/**
 * parseMetrics reads every unlabelled sample of a Prometheus text exposition. Labelled series
 * (`name{label="…"} value`), comments and a trailing timestamp are skipped.
 */
function parseMetrics(text: string): MetricValues {
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*) (\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    if (!Number.isNaN(value)) values.set(match[1]!, value);
  }
  return values;
}

/**
 * scrapeMetrics fetches and parses `{baseUrl}/metrics`.
 * @throws Error when the server does not answer 200 within `timeoutMs`.
 */
export async function scrapeMetrics(baseUrl: string, timeoutMs = 10_000): Promise<MetricValues> {
  const answer = await httpRequest("GET", `${baseUrl}/metrics`, undefined, timeoutMs);
  if (answer.status !== 200) throw new Error(`GET /metrics answered HTTP ${answer.status}`);
  return parseMetrics(answer.body);
}
