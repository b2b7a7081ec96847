/**
 * The benchmark's API client: the generated PriceService client over connect-node HTTP/1.1, and
 * stream consumers that timestamp every quote the moment it is decoded.
 */
import { Agent } from "node:http";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { PriceService, SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";

/** ReceivedQuote is one quote as a client saw it; times are wall-clock ms on this machine. */
export interface ReceivedQuote {
  readonly symbol: string;
  readonly price: string;
  /** observedAtMs is the quote's `observed_at`: when the scraper saw the price. */
  readonly observedAtMs: number;
  /** receivedAtMs is when this client decoded the message. */
  readonly receivedAtMs: number;
}

/** BenchClient is a PriceService client with its own connection pool; the caller must close() it. */
export interface BenchClient {
  readonly service: Client<typeof PriceService>;
  /** close destroys every pooled socket. Abort the streams first. */
  close(): void;
}

/** BenchClientOptions configure createBenchClient. */
export interface BenchClientOptions {
  /** keepAlive pools sockets between calls. Default true. */
  readonly keepAlive?: boolean;
  /** json speaks Connect-JSON, as a plain streaming client does, instead of binary Protobuf. Default false. */
  readonly json?: boolean;
}

/**
 * createBenchClient builds a client for `baseUrl`. Its own agent, without a socket cap, because
 * each open HTTP/1.1 server stream holds a socket for its whole life. `keepAlive: false` opens a
 * fresh connection per call, for occasional unary calls: a pooled socket the server has just
 * closed as idle would fail such a call with ECONNRESET though nothing is wrong (see http.ts).
 */
export function createBenchClient(baseUrl: string, options: BenchClientOptions = {}): BenchClient {
  const agent = new Agent({ keepAlive: options.keepAlive ?? true, maxSockets: Infinity });
  const transport = createConnectTransport({ baseUrl, httpVersion: "1.1", useBinaryFormat: !(options.json ?? false), nodeOptions: { agent } });
  return { service: createClient(PriceService, transport), close: () => agent.destroy() };
}

/** StreamHandle follows one open stream. */
export interface StreamHandle {
  /** firstQuote resolves with the receipt time of the first quote; rejects if the stream ends first. */
  readonly firstQuote: Promise<number>;
  /** ended resolves once the stream is over: null after a clean end or our abort, else the error. */
  readonly ended: Promise<ConnectError | null>;
}

/**
 * streamPrice opens `StreamPrice(symbol)` and calls `onQuote` for each quote until `signal` aborts.
 * Aborting is the only way to end it early: leaving a `for await` does not cancel a Connect stream.
 */
export function streamPrice(
  client: BenchClient,
  symbol: string,
  signal: AbortSignal,
  onQuote: (quote: ReceivedQuote) => void,
): StreamHandle {
  const first = deferred<number>();
  const ended = (async (): Promise<ConnectError | null> => {
    try {
      for await (const response of client.service.streamPrice({ symbol }, { signal })) {
        const receivedAtMs = Date.now();
        if (response.event.case !== "quote") continue;
        const { value } = response.event;
        const observedAtMs = value.observedAt ? timestampMs(value.observedAt) : Number.NaN;
        first.resolve(receivedAtMs);
        onQuote({ symbol: value.symbol, price: value.price, observedAtMs, receivedAtMs });
      }
      return null;
    } catch (error) {
      return signal.aborted ? null : ConnectError.from(error);
    } finally {
      first.reject(new Error(`the ${symbol} stream ended before its first quote`));
    }
  })();
  return { firstQuote: first.promise, ended };
}

/** WatchHandle follows one open Watch stream. */
export interface WatchHandle extends StreamHandle {
  /** live holds the symbols whose latest status is LIVE. */
  readonly live: ReadonlySet<string>;
  /** watchId resolves with the id from the stream's first message (for UpdateWatch); rejects if the stream ends first. */
  readonly watchId: Promise<string>;
}

/** watch opens `Watch(symbols)`; like streamPrice, it ends only when `signal` aborts. */
export function watch(
  client: BenchClient,
  symbols: readonly string[],
  signal: AbortSignal,
  onQuote: (quote: ReceivedQuote) => void,
): WatchHandle {
  const first = deferred<number>();
  const started = deferred<string>();
  const live = new Set<string>();
  const ended = (async (): Promise<ConnectError | null> => {
    try {
      for await (const response of client.service.watch({ symbols: [...symbols] }, { signal })) {
        const receivedAtMs = Date.now();
        const { event } = response;
        if (event.case === "started") {
          started.resolve(event.value.watchId);
        } else if (event.case === "status") {
          if (event.value.state === SymbolState.LIVE) live.add(event.value.symbol);
          else live.delete(event.value.symbol);
        } else if (event.case === "quote") {
          const observedAtMs = event.value.observedAt ? timestampMs(event.value.observedAt) : Number.NaN;
          first.resolve(receivedAtMs);
          onQuote({ symbol: event.value.symbol, price: event.value.price, observedAtMs, receivedAtMs });
        }
      }
      return null;
    } catch (error) {
      return signal.aborted ? null : ConnectError.from(error);
    } finally {
      started.reject(new Error("the watch ended before its first message"));
      first.reject(new Error("the watch ended before its first quote"));
    }
  })();
  return { firstQuote: first.promise, ended, live, watchId: started.promise };
}

/** isCanceled tells our own abort apart from a real failure in a stream's end. */
export function isCanceled(error: ConnectError | null): boolean {
  return error === null || error.code === Code.Canceled;
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: Error): void;
}

/** deferred settles once; later calls are ignored. Its rejection is pre-handled (nobody may wait). */
function deferred<T>(): Deferred<T> {
  let settle: { resolve: (value: T) => void; reject: (reason: Error) => void } | undefined;
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  promise.catch(() => undefined);
  return {
    promise,
    resolve(value) {
      settle?.resolve(value);
      settle = undefined;
    },
    reject(reason) {
      settle?.reject(reason);
      settle = undefined;
    },
  };
}
