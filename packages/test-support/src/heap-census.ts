/**
 * A census of this process's heap by constructor name, from a V8 heap snapshot: for leak checks
 * that count what is retained (closed pages, say) rather than weigh the heap, whose size moves by a
 * megabyte either way from one settle to the next. A snapshot of a test process with Chromium
 * driven in it is some 60 MB and takes seconds: for the long tier, not per test.
 */
import { getHeapSnapshot } from "node:v8";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** heapCensus counts the live objects whose constructor is named in `names` (after a full GC, as any snapshot). */
export async function heapCensus(names: readonly string[]): Promise<Record<string, number>> {
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  const { snapshot, nodes, strings } = JSON.parse(chunks.join("")) as Snapshot;
  const fields = snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const objectType = snapshot.meta.node_types[0].indexOf("object");
  const wanted = new Set(names);
  const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (let i = 0; i < nodes.length; i += width) {
    if (nodes[i + typeAt] !== objectType) continue;
    const name = strings[nodes[i + nameAt]!]!;
    if (wanted.has(name)) counts[name]! += 1;
  }
  return counts;
}
