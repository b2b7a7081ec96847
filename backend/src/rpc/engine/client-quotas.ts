/**
 * What one client may hold and open. MAX_SYMBOLS caps the server; without a cap per client, one
 * client could take every slot (the per-watch default equals it), and by cycling unknown tickers
 * keep Chromium loading pages from the server's address. So a client holds at most
 * `maxSymbolsPerClient` different symbols across its streams, and symbols that would open a new
 * page are rate-limited per client and overall, in a sliding minute. Every refusal names its limit
 * and the setting that raises it. One instance serves every stream of a server.
 */
import { RequestLimitError } from "../errors.js";

/** ClientQuotaOptions: the limits, and how to tell a symbol that would open a new page. */
export interface ClientQuotaOptions {
  maxSymbolsPerClient: number;
  pageOpensPerMinutePerClient: number;
  pageOpensPerMinute: number;
  /** opensPage is true when holding `id` would open a page (nobody holds it now). */
  opensPage: (id: string) => boolean;
  now?: () => number;
}

/** ClientSymbols is one stream's share of its client's quota; `release` it when the stream ends. */
export interface ClientSymbols {
  /** admit checks that the client may add `ids` (not held by this stream yet); call `added` once they are. @throws RequestLimitError */
  admit(ids: readonly string[]): void;
  /** added records `ids` as held by this stream, and their page opens against the rate. */
  added(ids: readonly string[], opening: readonly string[]): void;
  /** removed records that this stream let go of `ids`. */
  removed(ids: readonly string[]): void;
  /** release lets go of everything this stream held. Idempotent. */
  release(): void;
}

const MINUTE_MS = 60_000;

export class ClientQuotas {
  /** held: client → symbol → how many of its streams hold it. */
  private readonly held = new Map<string, Map<string, number>>();
  /** opened: client → times of its recent page opens, oldest first. */
  private readonly opened = new Map<string, number[]>();
  private overall: number[] = [];
  private readonly now: () => number;

  constructor(private readonly options: ClientQuotaOptions) {
    this.now = options.now ?? Date.now;
  }

  /** forStream starts a stream's share for `client`. */
  forStream(client: string): ClientSymbols {
    return new StreamShare(this, client);
  }

  /** admit is ClientSymbols.admit for `client`; StreamShare's, not for other callers. */
  admit(client: string, ids: readonly string[]): void {
    const { maxSymbolsPerClient, pageOpensPerMinutePerClient, pageOpensPerMinute, opensPage } = this.options;
    const holding = this.held.get(client);
    const fresh = ids.filter((id) => !holding?.has(id));
    if ((holding?.size ?? 0) + fresh.length > maxSymbolsPerClient) {
      throw new RequestLimitError(`one client holds at most ${maxSymbolsPerClient} different symbols across its streams; remove some first`, "MAX_SYMBOLS_PER_CLIENT");
    }
    const opening = ids.filter(opensPage).length;
    if (opening === 0) return;
    const now = this.now();
    this.overall = recent(this.overall, now);
    const mine = recent(this.opened.get(client) ?? [], now);
    if (mine.length > 0) this.opened.set(client, mine);
    else this.opened.delete(client);
    if (mine.length + opening > pageOpensPerMinutePerClient) {
      throw new RequestLimitError(
        `one client may open at most ${pageOpensPerMinutePerClient} new symbols (ones nobody watches yet) a minute; try again in a minute`,
        "PAGE_OPENS_PER_MINUTE_PER_CLIENT",
      );
    }
    if (this.overall.length + opening > pageOpensPerMinute) {
      throw new RequestLimitError(
        `the server opens at most ${pageOpensPerMinute} new symbols (ones nobody watches yet) a minute, for all clients; try again in a minute`,
        "PAGE_OPENS_PER_MINUTE",
      );
    }
  }

  /** recordOpens counts `count` page opens by `client` against the rates; StreamShare's. */
  recordOpens(client: string, count: number): void {
    if (count === 0) return;
    const now = this.now();
    const mine = this.opened.get(client) ?? [];
    for (let i = 0; i < count; i++) {
      mine.push(now);
      this.overall.push(now);
    }
    this.opened.set(client, mine);
    // Clients that opened nothing for a minute are forgotten, so the map holds recent clients only.
    if (this.opened.size > 1_000) for (const [key, times] of this.opened) if (recent(times, now).length === 0) this.opened.delete(key);
  }

  /** hold counts one more (or one fewer) of `client`'s streams holding `id`; StreamShare's. */
  hold(client: string, id: string, delta: 1 | -1): void {
    const holding = this.held.get(client) ?? new Map<string, number>();
    const count = (holding.get(id) ?? 0) + delta;
    if (count > 0) holding.set(id, count);
    else holding.delete(id);
    if (holding.size > 0) this.held.set(client, holding);
    else this.held.delete(client);
  }
}

/**
 * StreamShare is one stream's ClientSymbols: a class with a short list, not closures over a Set,
 * because every open stream holds one (a stream holds a few symbols, at most its client's cap).
 */
class StreamShare implements ClientSymbols {
  private mine: string[] = [];
  private released = false;

  constructor(
    private readonly quotas: ClientQuotas,
    private readonly client: string,
  ) {}

  admit(ids: readonly string[]): void {
    this.quotas.admit(this.client, ids);
  }
  added(ids: readonly string[], opening: readonly string[]): void {
    for (const id of ids) if (!this.mine.includes(id)) {
      // concat makes an array of the exact length: push or a spread would leave room for sixteen.
      this.mine = this.mine.concat(id);
      this.quotas.hold(this.client, id, 1);
    }
    this.quotas.recordOpens(this.client, opening.length);
  }
  removed(ids: readonly string[]): void {
    for (const id of ids) {
      if (!this.mine.includes(id)) continue;
      this.mine = this.mine.filter((held) => held !== id);
      this.quotas.hold(this.client, id, -1);
    }
  }
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const id of this.mine) this.quotas.hold(this.client, id, -1);
    this.mine = [];
  }
}

/** recent keeps the times within the last minute (they are in order). */
function recent(times: number[], now: number): number[] {
  const first = times.findIndex((at) => now - at < MINUTE_MS);
  return first === -1 ? [] : first === 0 ? times : times.slice(first);
}
