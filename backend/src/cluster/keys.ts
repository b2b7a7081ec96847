/**
 * Redis names for one symbol. Every key of a symbol shares a `{hash tag}`, so each script touches
 * a single slot (what Redis Cluster would need) and `SCAN` can find them by prefix.
 *
 * @internal
 */
import type { SymbolRef } from "../symbols/symbol.js";

/** KEY_PREFIX starts every key and channel this project writes to Redis. */
const KEY_PREFIX = "crypto-stream:";

/** SymbolKeys are the Redis names of one symbol. */
export interface SymbolKeys {
  /** name is `EXCHANGE:TICKER`: the same for every instance whatever its DEFAULT_EXCHANGE. */
  readonly name: string;
  /** lease holds the owner's token, with an expiry the owner renews. */
  readonly lease: string;
  /** snapshot is a hash of the owner's last state and quote (the cluster-wide cache). */
  readonly snapshot: string;
  /** interest is a sorted set: one member per instance holding the symbol, scored by expiry. */
  readonly interest: string;
  /** channel carries the owner's snapshots and interest notices (pub/sub, not a key). */
  readonly channel: string;
}

export function symbolKeys(ref: SymbolRef): SymbolKeys {
  const name = `${ref.exchange}:${ref.ticker}`;
  const base = `${KEY_PREFIX}{${name}}`;
  return {
    name,
    lease: `${base}:lease`,
    snapshot: `${base}:snapshot`,
    interest: `${base}:interest`,
    channel: `${base}:feed`,
  };
}

/** LEASE_PATTERN matches every lease key, for SCAN. */
export const LEASE_PATTERN = `${KEY_PREFIX}{*}:lease`;

/** symbolOfLease reads the symbol name back out of a lease key. */
export function symbolOfLease(key: string): string | undefined {
  const match = /^crypto-stream:\{(.+)\}:lease$/.exec(key);
  return match?.[1];
}
