/**
 * Two real servers sharing one throwaway redis-server, as an operator runs a cluster: each in demo
 * mode with its own look-alike, `REDIS_URL` pointing at a redis-server on a free loopback port that
 * saves nothing to disk. Used by the Redis-hop scenario; the main bench server is not part of it.
 */
import { REDIS_SERVER, startTestRedis } from "@crypto-stream/test-support/redis-server";
import { httpRequest } from "./http.js";
import { startServer, type BenchServer } from "./server.js";

/** REDIS_MISSING says why a cluster cannot start here, or is undefined when it can. */
export const REDIS_MISSING: string | undefined = REDIS_SERVER
  ? undefined
  : "redis-server is not on PATH (sudo apt-get install -y redis-server, or set REDIS_SERVER to one)";

/** ClusterOptions configure startCluster. */
export interface ClusterOptions {
  readonly chromiumPath: string | undefined;
  /** logFile names the log file of the instance with this id. */
  readonly logFile: (instanceId: string) => string;
  readonly readyTimeoutMs: number;
  /** env adds settings to both instances. */
  readonly env?: Readonly<Record<string, string>>;
}

/** BenchCluster is a running cluster. Whoever starts it must `stop()` it, also on failure. */
export interface BenchCluster {
  readonly redisUrl: string;
  /** servers are the instances, in the order of `ids`. */
  readonly servers: readonly BenchServer[];
  /**
   * stop stops every server (SIGTERM; SIGKILL after `timeoutMs`), then redis-server, and resolves
   * with the servers' exit codes. Idempotent.
   */
  stop(timeoutMs: number): Promise<(number | null)[]>;
}

/**
 * startCluster starts redis-server and one server per id, all at once, and resolves when every
 * server is ready. If any fails to start, everything started so far is stopped before it throws.
 * Until `stop()`, an exit of the bench process (SIGINT included) kills them all.
 */
export async function startCluster(ids: readonly string[], options: ClusterOptions): Promise<BenchCluster> {
  const redis = await startTestRedis();
  const spawned: BenchServer[] = [];
  const emergency = () => {
    for (const server of spawned) server.kill();
    void redis.stop(); // sends SIGTERM at once
  };
  process.on("exit", emergency);
  let stopping: Promise<(number | null)[]> | undefined;
  const stop = (timeoutMs: number) =>
    (stopping ??= (async () => {
      const codes = await Promise.all(spawned.map((server) => server.stop(timeoutMs)));
      await redis.stop();
      process.off("exit", emergency);
      return codes;
    })());

  const starting = ids.map((id) =>
    startServer({
      chromiumPath: options.chromiumPath,
      logFile: options.logFile(id),
      readyTimeoutMs: options.readyTimeoutMs,
      env: { ...options.env, REDIS_URL: redis.url, INSTANCE_ID: id },
      spawned: (server) => spawned.push(server),
    }),
  );
  const started = await Promise.allSettled(starting);
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stop(5_000);
    throw failed.reason;
  }
  return { redisUrl: redis.url, servers: started.map((result) => (result as PromiseFulfilledResult<BenchServer>).value), stop };
}

/** owners reads `GET /status/cluster` (no API token in the bench): symbol → owning instance id. */
export async function owners(server: BenchServer): Promise<Record<string, string>> {
  const answer = await httpRequest("GET", `${server.baseUrl}/status/cluster`, undefined, 10_000);
  if (answer.status !== 200) throw new Error(`/status/cluster answered ${answer.status}: ${answer.body}`);
  return (JSON.parse(answer.body) as { owners: Record<string, string> }).owners;
}
