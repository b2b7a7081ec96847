/**
 * A /healthz prober on its own thread, for measuring how long a server's event loop stalls. A
 * prober in the server's own thread would stall with it and send nothing while it waits; this one
 * sends a probe every `intervalMs` whatever the server does, as a Kubernetes probe would, so a
 * stall of N ms shows as every probe sent during it answering late, up to N ms.
 */
import { Worker } from "node:worker_threads";

/** HealthzProbe runs until `stop`, which resolves with each probe's latency in ms, in send order. */
export interface HealthzProbe {
  stop(): Promise<number[]>;
}

const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
const latencies = [];
let pending = 0;
let stopping = false;
const probe = () => {
  const started = performance.now();
  const index = latencies.push(NaN) - 1;
  pending += 1;
  fetch(workerData.url).then((res) => res.text(), () => undefined).finally(() => {
    latencies[index] = performance.now() - started;
    pending -= 1;
    if (stopping && pending === 0) parentPort.postMessage(latencies);
  });
};
let timer;
// A first probe warms the connection up; the others are sent once the caller heard it answered.
fetch(workerData.url).then((res) => res.text()).finally(() => {
  timer = setInterval(probe, workerData.intervalMs);
  parentPort.postMessage("started");
});
parentPort.once("message", () => {
  clearInterval(timer);
  stopping = true;
  if (pending === 0) parentPort.postMessage(latencies);
});
`;

/** startHealthzProbe resolves once a worker thread probes `${baseUrl}/healthz` every `intervalMs`. */
export async function startHealthzProbe(baseUrl: string, intervalMs = 10): Promise<HealthzProbe> {
  const worker = new Worker(PROBER, { eval: true, workerData: { url: `${baseUrl}/healthz`, intervalMs } });
  await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    async stop() {
      const done = new Promise<number[]>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      worker.postMessage("stop");
      const latencies = await done;
      await worker.terminate();
      return latencies;
    },
  };
}

/** percentile is the `p`-th percentile (0–1) of `values`, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}
