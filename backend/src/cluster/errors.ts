/** Errors of the cluster layer. */

/** RedisUnavailableError: Redis could not be reached when the instance started. */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
  constructor(
    /** url is REDIS_URL with any password hidden, safe to log. */
    readonly url: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot reach Redis at ${url} (${reason}): start Redis there, or point REDIS_URL at a running one, or unset REDIS_URL to run alone`, { cause });
  }
}

/** redactUrl hides the password of a redis:// URL so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
