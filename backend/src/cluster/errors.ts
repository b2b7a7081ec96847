/** Errors of the cluster layer. */

/** RedisUnavailableError: Redis could not be reached when the instance started. */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
  constructor(
    /** url is REDIS_URL's host and port alone (redisAddress), safe to log. */
    readonly url: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot reach Redis at ${url} (${reason}): start Redis there, or point REDIS_URL at a running one, or unset REDIS_URL to run alone`, { cause });
  }
}

/**
 * redisAddress is what logs and errors say of REDIS_URL: its host and port, nothing else. A
 * password can sit in the user info or in the query (`?password=`, which ioredis reads), and a
 * user name or database says more than an operator needs to find the server.
 */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "6379"}`;
  } catch {
    return "(unparsable URL)";
  }
}
