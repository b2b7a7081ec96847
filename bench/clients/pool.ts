/**
 * ClientPool spreads a scenario's streams over client processes (bench/clients/worker.ts), so the
 * figures measure the server rather than one busy client, and merges what they tallied.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { REPO_ROOT } from "../lib/server.js";
import { within } from "../lib/wait.js";
import { mergeTallies, type FromWorker, type StreamKind, type Tally, type ToWorker } from "./protocol.js";

const REPLY: Record<ToWorker["type"], FromWorker["type"]> = { open: "opened", record: "recording", collect: "collected", close: "closed" };

/** ClientPool owns its processes; whoever starts it must stop() it, also on failure. */
export class ClientPool {
  readonly #workers: ChildProcess[];
  readonly #signal: AbortSignal;

  private constructor(workers: ChildProcess[], signal: AbortSignal) {
    this.#workers = workers;
    this.#signal = signal;
  }

  /** start forks `processes` client processes. */
  static start(processes: number, signal: AbortSignal): ClientPool {
    const workers = Array.from({ length: processes }, () =>
      fork("bench/clients/worker.ts", [], { cwd: REPO_ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    );
    const pool = new ClientPool(workers, signal);
    process.on("exit", pool.#kill);
    return pool;
  }

  /** pids of the client processes, for their CPU. */
  get pids(): number[] {
    return this.#workers.flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
  }

  /** size is the number of client processes. */
  get size(): number {
    return this.#workers.length;
  }

  readonly #kill = () => {
    for (const worker of this.#workers) worker.kill("SIGKILL");
  };

  async #ask(worker: ChildProcess, command: ToWorker, timeoutMs: number): Promise<FromWorker> {
    // A late answer to an earlier command (an open we stopped waiting for) must not be taken for this one.
    if (!worker.connected) {
      throw new Error(`client process ${worker.pid ?? "?"} is gone (exit code ${String(worker.exitCode)}, signal ${String(worker.signalCode)})`);
    }
    const expected = REPLY[command.type];
    const reply = new Promise<FromWorker>((resolve) => {
      const listen = (message: FromWorker) => {
        if (message.type !== expected) return;
        worker.off("message", listen);
        resolve(message);
      };
      worker.on("message", listen);
    });
    worker.send(command);
    return within(`a client process to answer ${command.type}`, reply, timeoutMs, this.#signal);
  }

  async #all(command: (index: number) => ToWorker, timeoutMs: number): Promise<FromWorker[]> {
    return Promise.all(this.#workers.map((worker, i) => this.#ask(worker, command(i), timeoutMs)));
  }

  /**
   * open opens `count` streams of `kind` on `symbols` at `baseUrl`, shared out over the processes,
   * within `timeoutMs` (default 150 s: 10,000 opens on the unoptimised path of a busy server may not make it).
   * With `http2Connections` the streams are gRPC over that many HTTP/2 connections, shared out too
   * (each process at least one).
   * @throws Error naming the first failure when not all of them opened.
   */
  async open(baseUrl: string, kind: StreamKind, symbols: readonly string[], count: number, batch: number, timeoutMs = 150_000, http2Connections?: number): Promise<void> {
    const share = (total: number, i: number) => Math.floor(total / this.size) + (i < total % this.size ? 1 : 0);
    const connections = (i: number) => (http2Connections === undefined ? {} : { http2Connections: Math.max(1, share(http2Connections, i)) });
    const replies = await this.#all((i) => ({ type: "open", baseUrl, kind, symbols, count: share(count, i), batch, ...connections(i) }), timeoutMs);
    const opened = replies.reduce((n, r) => n + (r.type === "opened" ? r.open : 0), 0);
    const error = replies.find((r) => r.type === "opened" && r.error !== undefined);
    if (opened < count) throw new Error(`${opened} of ${count} streams opened: ${error?.type === "opened" ? error.error : "?"}`);
  }

  /** record starts a new tally in every process. */
  async record(): Promise<void> {
    await this.#all(() => ({ type: "record" }), 30_000);
  }

  /** collect stops the tally and returns it, merged over the processes. */
  async collect(): Promise<Tally> {
    const replies = await this.#all(() => ({ type: "collect" }), 60_000);
    return mergeTallies(replies.flatMap((r) => (r.type === "collected" ? [r.tally] : [])));
  }

  /** closeStreams ends every stream and resolves with the number that had failed on their own. */
  async closeStreams(): Promise<number> {
    // Thousands of streams ending at once in a starved process can take a while.
    const replies = await this.#all(() => ({ type: "close" }), 120_000);
    return replies.reduce((n, r) => n + (r.type === "closed" ? Math.max(0, r.failed) : 0), 0);
  }

  /** stop ends the client processes (closing their IPC channel ends them). Idempotent. */
  async stop(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (worker) => {
        if (worker.exitCode !== null || worker.signalCode !== null) return;
        const exited = once(worker, "exit");
        if (worker.connected) worker.disconnect();
        const timer = setTimeout(() => worker.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    process.off("exit", this.#kill);
  }
}
