/**
 * The client processes' streams: plain Connect-JSON server streams over bare node:http, the wire a
 * connect client speaks (`application/connect+json`, enveloped messages), read with one JSON.parse
 * per message. Thousands of connect-node streams in one process cost more CPU per quote than the
 * server spends fanning it out; on a 2-core machine the client would be what is measured.
 */
import { Agent, request, type ClientRequest, type IncomingMessage } from "node:http";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import type { ReceivedQuote } from "../lib/client.js";

/** END_STREAM_FLAG marks the envelope that ends a Connect stream (its JSON may hold an error). */
const END_STREAM_FLAG = 0b10;

interface Wire {
  readonly quote?: { readonly symbol?: string; readonly price?: string; readonly observedAt?: string };
  readonly error?: { readonly code?: string; readonly message?: string };
}

/** RawHandle follows one stream. */
export interface RawHandle {
  /** firstQuote resolves with the receipt time of the first quote; rejects if the stream ends first. */
  readonly firstQuote: Promise<number>;
}

/** RawGroup owns every stream it opens; whoever creates it must close() it. */
export class RawGroup {
  readonly #agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  readonly #requests: ClientRequest[] = [];
  readonly #failures: Error[] = [];
  #closing = false;

  constructor(private readonly baseUrl: string) {}

  /** size is the number of streams opened so far. */
  get size(): number {
    return this.#requests.length;
  }

  /** streamPrice opens `StreamPrice(symbol)`. */
  streamPrice(symbol: string, onQuote: (quote: ReceivedQuote) => void): RawHandle {
    return this.#open("StreamPrice", { symbol }, onQuote);
  }

  /** watch opens `Watch(symbols)`. */
  watch(symbols: readonly string[], onQuote: (quote: ReceivedQuote) => void): RawHandle {
    return this.#open("Watch", { symbols }, onQuote);
  }

  /** failures lists the streams that ended on their own with an error. */
  failures(): readonly Error[] {
    return this.#failures;
  }

  /** close ends every stream and resolves with the number that had failed on their own. Idempotent. */
  close(): number {
    this.#closing = true;
    for (const req of this.#requests) req.destroy();
    this.#agent.destroy();
    return this.#failures.length;
  }

  #open(method: string, body: object, onQuote: (quote: ReceivedQuote) => void): RawHandle {
    let settle: { resolve: (at: number) => void; reject: (error: Error) => void } | undefined;
    const firstQuote = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
    firstQuote.catch(() => undefined);
    const fail = (error: Error) => {
      settle?.reject(error);
      settle = undefined;
      if (!this.#closing) this.#failures.push(error);
    };
    const req = request(new URL(`/cryptostream.v1.PriceService/${method}`, this.baseUrl), {
      method: "POST",
      agent: this.#agent,
      headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" },
    });
    this.#requests.push(req);
    req.on("error", fail);
    req.on("response", (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        fail(new Error(`${method} answered HTTP ${res.statusCode ?? "?"}`));
        res.resume();
        return;
      }
      let pending: Buffer = Buffer.alloc(0);
      res.on("data", (chunk: Buffer) => {
        const receivedAtMs = Date.now();
        pending = pending.byteLength === 0 ? chunk : Buffer.concat([pending, chunk]);
        let at = 0;
        while (pending.byteLength - at >= 5 && pending.byteLength - at >= 5 + pending.readUInt32BE(at + 1)) {
          const flags = pending.readUInt8(at);
          const size = pending.readUInt32BE(at + 1);
          const message = JSON.parse(pending.toString("utf8", at + 5, at + 5 + size)) as Wire;
          at += 5 + size;
          if ((flags & END_STREAM_FLAG) !== 0) {
            if (message.error) fail(new Error(`${method} ended: ${message.error.code ?? "?"} ${message.error.message ?? ""}`));
          } else if (message.quote?.price !== undefined) {
            settle?.resolve(receivedAtMs);
            settle = undefined;
            onQuote({ symbol: message.quote.symbol ?? "", price: message.quote.price, observedAtMs: message.quote.observedAt === undefined ? Number.NaN : Date.parse(message.quote.observedAt), receivedAtMs });
          }
        }
        pending = pending.subarray(at);
      });
      res.on("end", () => fail(new Error(`${method} ended before it was closed`)));
      res.on("error", fail);
    });
    req.end(encodeEnvelope(0, Buffer.from(JSON.stringify(body))));
    return { firstQuote };
  }
}
