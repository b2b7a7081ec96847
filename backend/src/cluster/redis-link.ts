/**
 * The instance's two connections to Redis: one for commands and scripts, one for subscriptions
 * (a subscribed connection can do nothing else). Both must be up for the link to be up.
 *
 * Commands fail at once while a connection is down (no offline queue, no resend after a
 * reconnect): the cluster's steps are retried by its own timer, and a late resend could take a
 * lease nobody knows it holds.
 *
 * @internal
 */
import { Redis } from "ioredis";
import type { Logger } from "../log.js";
import { redisAddress, RedisUnavailableError } from "./errors.js";

export interface RedisLink {
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** up is true while both connections are ready. */
  up(): boolean;
  /** onChange is called with the new value each time `up()` changes. */
  onChange(listener: (up: boolean) => void): void;
  /** close quits both connections (or drops them when Redis is gone). Idempotent. */
  close(): Promise<void>;
  /** drop disconnects both at once without a goodbye, as a crashed process would. */
  drop(): void;
}

export interface RedisLinkOptions {
  url: string;
  /** name shows in `CLIENT LIST`. */
  name: string;
  logger: Logger;
  /** commandTimeoutMs fails a command Redis does not answer in time; default 2000. */
  commandTimeoutMs?: number;
}

/**
 * connectRedis opens both connections. @throws RedisUnavailableError when either cannot connect;
 * after that the link reconnects by itself for as long as it is open.
 */
export async function connectRedis(options: RedisLinkOptions): Promise<RedisLink> {
  const { logger } = options;
  const open = (role: string) =>
    new Redis(options.url, {
      lazyConnect: true,
      connectionName: `${options.name}:${role}`,
      enableOfflineQueue: false,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      commandTimeout: options.commandTimeoutMs ?? 2_000,
      connectTimeout: 5_000,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
    });
  const commands = open("commands");
  const subscriber = open("subscriber");
  const listeners: ((up: boolean) => void)[] = [];
  let lastError: unknown;
  let wasUp = false;
  const up = () => commands.status === "ready" && subscriber.status === "ready";
  const changed = () => {
    if (up() === wasUp) return;
    wasUp = up();
    for (const listener of listeners) listener(wasUp);
  };
  for (const connection of [commands, subscriber]) {
    connection.on("error", (error: unknown) => (lastError = error));
    connection.on("ready", changed);
    connection.on("close", changed);
  }
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
  } catch (error) {
    commands.disconnect();
    subscriber.disconnect();
    throw new RedisUnavailableError(redisAddress(options.url), lastError ?? error);
  }
  wasUp = up();
  let closing: Promise<void> | undefined;
  return {
    commands,
    subscriber,
    up,
    onChange: (listener) => void listeners.push(listener),
    close() {
      listeners.length = 0;
      closing ??= Promise.all([commands, subscriber].map((c) => c.quit().catch(() => c.disconnect()))).then(() => {
        logger.debug("cluster.redis_closed");
      });
      return closing;
    },
    drop() {
      listeners.length = 0;
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
