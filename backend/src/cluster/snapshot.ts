/**
 * What the owner of a symbol tells the cluster, in one shape for the channel and the cache: its
 * feed's state and, once there is one, the last quote. Decoding never trusts Redis: anything
 * malformed is dropped rather than shown to users.
 *
 * @internal
 */
import type { FeedState } from "../hub/price-source.js";

/** Snapshot is the owner's view of one symbol at one moment. */
export interface Snapshot {
  /** owner is the instance id of the lease holder that wrote it. */
  readonly owner: string;
  readonly state: FeedState;
  readonly detail: string;
  /** price and observedAt are set together, once the symbol has had a quote. */
  readonly price?: string;
  readonly observedAt?: Date;
  /** change and changePercent go with the price, where the page showed them (see Observation). */
  readonly change?: string;
  readonly changePercent?: string;
}

/** ChannelMessage is a snapshot from the owner, or a notice that an instance dropped interest. */
export type ChannelMessage = { readonly kind: "snapshot"; readonly snapshot: Snapshot } | { readonly kind: "interest" };

/** INTEREST_NOTICE is published when an instance lets go of a symbol, so the owner checks at once. */
export const INTEREST_NOTICE = JSON.stringify({ interest: "left" });

const STATES: readonly FeedState[] = ["loading", "live", "reconnecting", "not_found", "failed"];
const PRICE = /^-?\d+(\.\d+)?$/;

export function encodeSnapshot(snapshot: Snapshot): string {
  return JSON.stringify(toRecord(snapshot));
}

/** snapshotFields are the field/value pairs of the cache hash, flat for HSET. */
export function snapshotFields(snapshot: Snapshot): string[] {
  return Object.entries(toRecord(snapshot)).flat();
}

export function decodeMessage(raw: string): ChannelMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  if (record.interest !== undefined) return { kind: "interest" };
  const snapshot = decodeSnapshot(record);
  return snapshot && { kind: "snapshot", snapshot };
}

/** decodeSnapshot reads a channel message's body or the cache hash (HGETALL: all strings). */
export function decodeSnapshot(record: Record<string, unknown>): Snapshot | undefined {
  const { owner, state, detail, price, at, change, changePercent } = record;
  const known = STATES.find((s) => s === state);
  if (typeof owner !== "string" || known === undefined) return undefined;
  const base = { owner, state: known, detail: typeof detail === "string" ? detail : "" };
  const ms = Number(at);
  if (typeof price !== "string" || !PRICE.test(price) || !Number.isFinite(ms)) return base;
  const decimal = (value: unknown) => (typeof value === "string" && PRICE.test(value) ? value : undefined);
  const shown = { change: decimal(change), changePercent: decimal(changePercent) };
  return {
    ...base,
    price,
    observedAt: new Date(ms),
    ...(shown.change === undefined ? {} : { change: shown.change }),
    ...(shown.changePercent === undefined ? {} : { changePercent: shown.changePercent }),
  };
}

function toRecord(snapshot: Snapshot): Record<string, string> {
  const record: Record<string, string> = { owner: snapshot.owner, state: snapshot.state, detail: snapshot.detail };
  if (snapshot.price !== undefined && snapshot.observedAt !== undefined) {
    record.price = snapshot.price;
    record.at = String(snapshot.observedAt.getTime());
    // Always written, empty when unknown: the cache hash is updated field by field, not replaced.
    record.change = snapshot.change ?? "";
    record.changePercent = snapshot.changePercent ?? "";
  }
  return record;
}
