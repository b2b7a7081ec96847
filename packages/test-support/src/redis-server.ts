/**
 * A throwaway redis-server for tests: loopback only, a free port, nothing saved to disk. Tests
 * start their own and stop it; `restart` brings it back empty on the same port, as after a crash.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "./free-port.js";
import { waitFor } from "./wait-for.js";

/** REDIS_SERVER is the redis-server found on PATH (or named by $REDIS_SERVER), if any. */
export const REDIS_SERVER: string | undefined = findRedisServer();

/** TestRedis is a running redis-server; whoever starts it must `stop()` it. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** stop ends the server (SIGTERM) and waits for it. Idempotent. */
  stop(): Promise<void>;
  /** start starts it again, empty, on the same port. */
  start(): Promise<void>;
}

/**
 * startTestRedis starts redis-server on a free loopback port and resolves once it answers PING.
 * @throws Error when redis-server is not installed or does not start within 10 s.
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (!REDIS_SERVER) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const binary = REDIS_SERVER;
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"];
      const started = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      started.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child = started;
      exited = new Promise((resolve) => started.once("exit", () => resolve()));
      const up = async () => {
        if (started.exitCode !== null) throw new Error(`redis-server exited on ${port}: ${stderr}`);
        return answersPing(port);
      };
      await waitFor(`redis-server on ${port}`, up, { timeoutMs: 10_000, intervalMs: 50 });
    },
    async stop() {
      if (child && child.exitCode === null) child.kill("SIGTERM");
      await exited;
      child = undefined;
    },
  };
  await redis.start();
  return redis;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    socket.setTimeout(1_000, () => done(false));
  });
}

function findRedisServer(): string | undefined {
  const named = process.env.REDIS_SERVER;
  if (named) return named;
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}
