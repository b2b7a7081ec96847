/**
 * A set of streams opened together and closed together: one abort ends them all, because leaving
 * a `for await` would not cancel a Connect stream.
 */
import { setMaxListeners } from "node:events";
import type { ConnectError } from "@connectrpc/connect";
import { createBenchClient, isCanceled, type BenchClientOptions, streamPrice, watch, type BenchClient, type ReceivedQuote, type StreamHandle, type WatchHandle } from "./client.js";

/**
 * StreamGroup owns a client, its sockets and every stream opened through it. Whoever creates it
 * must `close()` it, also when the scenario fails.
 */
export class StreamGroup {
  readonly #client: BenchClient;
  readonly #abort = new AbortController();
  readonly #handles: StreamHandle[] = [];
  readonly #unlink: () => void;

  /**
   * @param parent aborting it (the scenario's deadline) ends every stream of the group too.
   * @param options the client's options (e.g. Connect-JSON).
   */
  constructor(baseUrl: string, parent: AbortSignal, options: BenchClientOptions = {}) {
    this.#client = createBenchClient(baseUrl, options);
    // Every stream listens to this one signal; thousands of listeners are the design, not a leak.
    setMaxListeners(0, this.#abort.signal);
    const abort = () => this.#abort.abort(parent.reason);
    if (parent.aborted) abort();
    else parent.addEventListener("abort", abort, { once: true });
    this.#unlink = () => parent.removeEventListener("abort", abort);
  }

  /** size is the number of streams opened so far. */
  get size(): number {
    return this.#handles.length;
  }

  /** streamPrice opens one StreamPrice stream in the group. */
  streamPrice(symbol: string, onQuote: (quote: ReceivedQuote) => void): StreamHandle {
    const handle = streamPrice(this.#client, symbol, this.#abort.signal, onQuote);
    this.#handles.push(handle);
    return handle;
  }

  /** watch opens one Watch stream in the group. */
  watch(symbols: readonly string[], onQuote: (quote: ReceivedQuote) => void): WatchHandle {
    const handle = watch(this.#client, symbols, this.#abort.signal, onQuote);
    this.#handles.push(handle);
    return handle;
  }

  /** failures lists the streams that have already ended on their own with an error. */
  async failures(): Promise<ConnectError[]> {
    const pending = Symbol("pending");
    const ends = await Promise.all(this.#handles.map((h) => Promise.race([h.ended, Promise.resolve(pending)])));
    return ends.filter((end): end is ConnectError => end !== pending && !isCanceled(end as ConnectError | null));
  }

  /**
   * close aborts every stream, waits up to `timeoutMs` for them to end, then destroys the sockets.
   * Idempotent. Resolves with the number of streams that had failed on their own.
   */
  async close(timeoutMs = 15_000): Promise<number> {
    this.#unlink();
    this.#abort.abort();
    const ends = await Promise.race([
      Promise.all(this.#handles.map((h) => h.ended)),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref()),
    ]);
    this.#client.close();
    return ends === null ? -1 : ends.filter((end) => !isCanceled(end)).length;
  }
}
