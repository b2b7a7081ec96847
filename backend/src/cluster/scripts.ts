/**
 * The Lua scripts that make each cluster step atomic in Redis. Times come from Redis (`TIME`), not
 * from the instances, so clocks that disagree cannot shorten or stretch anyone's interest.
 *
 * @internal
 */
import type { Redis } from "ioredis";
import type { SymbolKeys } from "./keys.js";

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** JOIN: add or renew this instance's interest; the set lives as long as its latest member. */
const JOIN = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

/** LEAVE: drop this instance's interest and tell the owner to check whether anyone is left. */
const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`;

/** ACQUIRE: take a free lease. 0 taken by another, 1 fresh, 2 take-over (a cache exists). */
const ACQUIRE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
return 1`;

/**
 * OWN: as lease holder, write the snapshot, extend the lease and cache, and publish. Mode
 * 'publish' (a change) needs the lease held: 0 if another holds it, 3 if it is gone (after a
 * Redis restart; the next renew takes it back). Mode 'renew' reclaims a missing lease and then
 * republishes. Returns {status, instances still interested}; 1 held, 2 reclaimed.
 */
const OWN = `
local current = redis.call('GET', KEYS[1])
local status = 1
if current == false then
  if ARGV[5] ~= 'renew' then return {3, 0} end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  status = 2
elseif current ~= ARGV[1] then
  return {0, 0}
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if #ARGV > 6 then redis.call('HSET', KEYS[2], unpack(ARGV, 7)) end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if ARGV[5] == 'publish' or status == 2 then redis.call('PUBLISH', ARGV[4], ARGV[6]) end
${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
return {status, redis.call('ZCARD', KEYS[3])}`;

/**
 * RETIRE: give the lease up. 'if-idle' only when no instance is interested (else 0); 'final'
 * always, cache included (the symbol ended: not found or failed); 'handoff' keeps the cache for
 * the next owner while anyone is interested. 1 released, -1 the lease was not ours.
 */
const RETIRE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local idle = redis.call('ZCARD', KEYS[3]) == 0
if ARGV[2] == 'if-idle' and not idle then return 0 end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1])
if idle or ARGV[2] == 'final' then redis.call('DEL', KEYS[2]) end
return 1`;

type Call = (...args: (string | number)[]) => Promise<unknown>;
type ScriptedRedis = Redis & { csJoin: Call; csLeave: Call; csAcquire: Call; csOwn: Call; csRetire: Call };

export type OwnMode = "publish" | "renew";
export type RetireMode = "if-idle" | "final" | "handoff";
/** OwnResult: `held` 0 lost to another, 1 held, 2 reclaimed, 3 missing (publish mode). */
export interface OwnResult {
  readonly status: 0 | 1 | 2 | 3;
  readonly interested: number;
}

/** Scripts runs the cluster's scripts on one connection, in call order. */
export interface Scripts {
  join(keys: SymbolKeys, member: string, ttlMs: number): Promise<void>;
  leave(keys: SymbolKeys, member: string, notice: string): Promise<void>;
  acquire(keys: SymbolKeys, token: string, ttlMs: number): Promise<0 | 1 | 2>;
  own(keys: SymbolKeys, token: string, ttl: { leaseMs: number; cacheMs: number }, mode: OwnMode, message: string, fields: string[]): Promise<OwnResult>;
  retire(keys: SymbolKeys, token: string, mode: RetireMode): Promise<-1 | 0 | 1>;
}

/** createScripts defines the scripts on `redis` (sent as EVAL once per connection, then EVALSHA). */
export function createScripts(redis: Redis): Scripts {
  const define = (name: string, lua: string, numberOfKeys: number) => redis.defineCommand(name, { lua, numberOfKeys });
  define("csJoin", JOIN, 1);
  define("csLeave", LEAVE, 1);
  define("csAcquire", ACQUIRE, 2);
  define("csOwn", OWN, 3);
  define("csRetire", RETIRE, 3);
  const r = redis as ScriptedRedis;
  return {
    join: async (k, member, ttlMs) => void (await r.csJoin(k.interest, member, ttlMs)),
    leave: async (k, member, notice) => void (await r.csLeave(k.interest, member, k.channel, notice)),
    acquire: async (k, token, ttlMs) => oneOf(await r.csAcquire(k.lease, k.snapshot, token, ttlMs), [0, 1, 2] as const),
    own: async (k, token, ttl, mode, message, fields) => {
      const reply = await r.csOwn(k.lease, k.snapshot, k.interest, token, ttl.leaseMs, ttl.cacheMs, k.channel, mode, message, ...fields);
      const [status, interested]: unknown[] = Array.isArray(reply) ? (reply as unknown[]) : [];
      return { status: oneOf(status, [0, 1, 2, 3] as const), interested: Number(interested) };
    },
    retire: async (k, token, mode) => oneOf(await r.csRetire(k.lease, k.snapshot, k.interest, token, mode), [-1, 0, 1] as const),
  };
}

function oneOf<T extends number>(reply: unknown, allowed: readonly T[]): T {
  const found = allowed.find((value) => value === reply);
  if (found === undefined) throw new Error(`unexpected reply from a cluster script: ${String(reply)}`);
  return found;
}
